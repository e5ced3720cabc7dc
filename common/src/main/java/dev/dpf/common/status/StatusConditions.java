package dev.dpf.common.status;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.common.DpfStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DPF's condition machinery (upstream {@code internal/conditions}), implemented once:
 * <ul>
 *   <li>{@link #ensure}: owned types that are missing are added as {@code Unknown/Pending} (Ready first);</li>
 *   <li>{@link #setTrue}: {@code True/Success}; {@link #setFalse}: {@code False} with a reason and message;</li>
 *   <li>{@code lastTransitionTime} moves only when {@code status} changes;</li>
 *   <li>{@link #summarize}: {@code Ready} is True when every other condition is True, else False with the most
 *       severe reason ({@code AwaitingDeletion > Failure > Pending}) and the message
 *       {@code The following conditions are not ready: A, B}.</li>
 * </ul>
 * Every condition carries the generation it was computed for.
 */
public final class StatusConditions {

  private final Clock clock;

  public StatusConditions(Clock clock) {
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  /** Adds each missing type as Unknown/Pending, in the given order. */
  public void ensure(DpfStatus status, List<String> types, Long generation) {
    for (String type : types) {
      if (find(status, type).isEmpty()) {
        status.conditions().add(build(type, Conditions.UNKNOWN, Conditions.REASON_PENDING, "", generation, now()));
      }
    }
  }

  public void setTrue(DpfStatus status, String type, Long generation) {
    set(status, type, Conditions.TRUE, Conditions.REASON_SUCCESS, "", generation);
  }

  public void setFalse(DpfStatus status, String type, String reason, String message, Long generation) {
    set(status, type, Conditions.FALSE, reason, message, generation);
  }

  /**
   * Sets a condition. The transition time is kept when the status value does not change; reason, message and
   * generation are always updated.
   */
  public void set(DpfStatus status, String type, String value, String reason, String message, Long generation) {
    List<Condition> list = status.conditions();
    for (int i = 0; i < list.size(); i++) {
      Condition existing = list.get(i);
      if (type.equals(existing.getType())) {
        String time = Objects.equals(existing.getStatus(), value) && existing.getLastTransitionTime() != null
            ? existing.getLastTransitionTime() : now();
        list.set(i, build(type, value, reason, message, generation, time));
        return;
      }
    }
    list.add(build(type, value, reason, message, generation, now()));
  }

  public void remove(DpfStatus status, String type) {
    if (status.getConditions() != null) {
      status.getConditions().removeIf(c -> type.equals(c.getType()));
    }
  }

  public static Optional<Condition> find(DpfStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return Optional.empty();
    }
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(DpfStatus status, String type) {
    return find(status, type).map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false);
  }

  /** Computes the Ready summary from every other condition. */
  public void summarize(DpfStatus status, Long generation) {
    List<String> notReady = new ArrayList<>();
    int severity = 0;
    for (Condition c : status.conditions()) {
      if (Conditions.READY.equals(c.getType()) || Conditions.TRUE.equals(c.getStatus())) {
        continue;
      }
      notReady.add(c.getType());
      severity = Math.max(severity, severity(c.getReason()));
    }
    if (notReady.isEmpty()) {
      setTrue(status, Conditions.READY, generation);
      moveReadyFirst(status);
      return;
    }
    String reason = switch (severity) {
      case 3 -> Conditions.REASON_AWAITING_DELETION;
      case 2 -> Conditions.REASON_FAILURE;
      default -> Conditions.REASON_PENDING;
    };
    setFalse(status, Conditions.READY, reason,
        "The following conditions are not ready: " + String.join(", ", notReady), generation);
    moveReadyFirst(status);
  }

  private static int severity(String reason) {
    if (Conditions.REASON_AWAITING_DELETION.equals(reason)) {
      return 3;
    }
    if (Conditions.REASON_FAILURE.equals(reason)) {
      return 2;
    }
    return 1;
  }

  private static void moveReadyFirst(DpfStatus status) {
    List<Condition> list = status.conditions();
    for (int i = 1; i < list.size(); i++) {
      if (Conditions.READY.equals(list.get(i).getType())) {
        list.add(0, list.remove(i));
        return;
      }
    }
  }

  private String now() {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
  }

  private static Condition build(String type, String value, String reason, String message, Long generation,
      String time) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(value)
        .withReason(reason)
        .withMessage(message == null ? "" : message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(time)
        .build();
  }
}
