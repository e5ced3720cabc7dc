package dev.dpf.dpuservice.template;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads {@code <chart>/Chart.yaml} from a packaged chart ({@code .tgz}: gzip + ustar/pax tar, as Helm writes it).
 * Only regular files are read; pax and GNU long-name headers are honoured for the entry name.
 */
public final class ChartArchive {

  private static final int BLOCK = 512;
  private static final long MAX_CHART_YAML = 1 << 20;
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private ChartArchive() {}

  /** The annotations of the chart's Chart.yaml. */
  public static Map<String, String> annotations(byte[] tgz) throws IOException {
    String chartYaml = chartYaml(tgz);
    Object parsed;
    try {
      parsed = YAML.unmarshal(chartYaml, Map.class);
    } catch (RuntimeException e) {
      throw new IOException("Chart.yaml is not valid YAML");
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (parsed instanceof Map<?, ?> m && m.get("annotations") instanceof Map<?, ?> a) {
      a.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    }
    return out;
  }

  static String chartYaml(byte[] tgz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
      String longName = null;
      byte[] header = new byte[BLOCK];
      while (readFully(in, header)) {
        if (isZero(header)) {
          break;
        }
        String name = longName != null ? longName : string(header, 0, 100);
        String prefix = string(header, 345, 155);
        if (longName == null && !prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        longName = null;
        long size = Long.parseLong(string(header, 124, 12).trim().isEmpty() ? "0" : string(header, 124, 12).trim(), 8);
        char type = (char) header[156];
        byte[] body = size <= MAX_CHART_YAML ? read(in, size) : null;
        if (body == null) {
          skip(in, size);
        }
        skip(in, (BLOCK - size % BLOCK) % BLOCK);
        if (type == 'L' && body != null) {
          longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
        } else if (type == 'x' && body != null) {
          longName = paxPath(new String(body, StandardCharsets.UTF_8));
        } else if ((type == '0' || type == 0) && body != null && isChartYaml(name)) {
          return new String(body, StandardCharsets.UTF_8);
        }
      }
    } catch (NumberFormatException e) {
      throw new IOException("chart archive is not a valid tar file");
    }
    throw new IOException("Chart.yaml not found in the chart archive");
  }

  private static boolean isChartYaml(String name) {
    String n = name.startsWith("./") ? name.substring(2) : name;
    int slash = n.indexOf('/');
    return slash > 0 && n.substring(slash + 1).equals("Chart.yaml");
  }

  private static String paxPath(String records) {
    for (String line : records.split("\n")) {
      int sp = line.indexOf(' ');
      if (sp > 0 && line.substring(sp + 1).startsWith("path=")) {
        return line.substring(sp + 1 + "path=".length());
      }
    }
    return null;
  }

  private static String string(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean readFully(InputStream in, byte[] buf) throws IOException {
    int n = in.readNBytes(buf, 0, buf.length);
    return n == buf.length;
  }

  private static byte[] read(InputStream in, long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] b = in.readNBytes((int) size);
    if (b.length != size) {
      throw new IOException("chart archive is truncated");
    }
    out.write(b);
    return out.toByteArray();
  }

  private static void skip(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new IOException("chart archive is truncated");
        }
        s = 1;
      }
      left -= s;
    }
  }
}
