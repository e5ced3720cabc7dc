package dev.dpf.dpfctl.model;

import java.time.Instant;

/**
 * One condition as dpfctl shows it: a Kubernetes {@code metav1.Condition}, read from an object's status or
 * synthesised for kinds without conditions (BFB phase, Argo CD health, Kamaji status).
 *
 * @param type condition type, e.g. {@code Ready} or {@code Operational/OperationalReady}
 * @param status {@code True}, {@code False} or {@code Unknown} (Argo CD resource rows carry the sync status)
 * @param reason one-word reason, may be empty
 * @param message human message, may contain new lines, may be empty
 * @param lastTransitionTime when the status last changed; null when unknown
 * @param observedGeneration the generation the condition was computed for; null when absent
 */
public record Cond(String type, String status, String reason, String message, Instant lastTransitionTime,
    Long observedGeneration) {

  public static final String READY = "Ready";
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  public Cond {
    type = type == null ? "" : type;
    status = status == null ? "" : status;
    reason = reason == null ? "" : reason;
    message = message == null ? "" : message;
  }

  public Cond(String type, String status, String reason, String message, Instant lastTransitionTime) {
    this(type, status, reason, message, lastTransitionTime, null);
  }

  public boolean isTrue() {
    return TRUE.equals(status);
  }

  public boolean isReady() {
    return READY.equals(type);
  }

  public Cond withType(String newType) {
    return new Cond(newType, status, reason, message, lastTransitionTime, observedGeneration);
  }

  public Cond withMessage(String newMessage) {
    return new Cond(type, status, reason, newMessage, lastTransitionTime, observedGeneration);
  }

  public Cond withTime(Instant time) {
    return new Cond(type, status, reason, message, time, observedGeneration);
  }
}
