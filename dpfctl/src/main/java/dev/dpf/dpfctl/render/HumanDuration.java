package dev.dpf.dpfctl.render;

import java.time.Duration;

/**
 * Kubernetes' {@code duration.HumanDuration} (k8s.io/apimachinery/pkg/util/duration), as kubectl prints ages:
 * {@code 31s}, {@code 7m14s}, {@code 23h}, {@code 3d17h}, {@code 2y45d}.
 */
public final class HumanDuration {

  private HumanDuration() {}

  public static String format(Duration d) {
    // Go's int(d.Seconds()) truncates toward zero; a deviation of less than 2 s into the future counts as now
    long seconds = d.getSeconds() < 0 && d.getNano() > 0 ? d.getSeconds() + 1 : d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = d.toMinutes();
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = d.toHours();
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return (hours / 24) + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = (hours / 24) % 365;
      return dy == 0 ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + dy + "d";
    }
    return (hours / 24 / 365) + "y";
  }
}
