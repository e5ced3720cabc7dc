package dev.dpf.dms;

import java.time.Duration;
import java.util.Objects;

/**
 * Time limits of a {@link DmsClient}. Build them with {@link #fromDmsTimeout(Integer)} from the DPFOperatorConfig
 * field {@code spec.provisioningController.dmsTimeout} (seconds, DMS's own command time limit) or take
 * {@link #defaults()}; adjust single values with the {@code with...} methods.
 *
 * @param call deadline of each call that makes DMS do work (gNMI Set, one Activate attempt), and the longest an
 *     Install may go without any sign of life (no answer to the transfer request, the server not accepting data,
 *     no validation after the end of the transfer)
 * @param status deadline of quick read-only calls (RebootStatus, Verify, Time)
 * @param install overall deadline of one Install call (the whole transfer)
 * @param activation deadline shared by Activate and the RebootStatus polling that follows (DPF: 30 minutes)
 * @param pollInterval pause between RebootStatus polls (DPF: 3 s; the first poll comes one interval after Activate)
 * @param activateAttempts attempts of Activate on a gRPC error (DPF: 10)
 * @param activateRetryDelay pause between Activate attempts (DPF retries immediately; a short pause keeps a
 *     briefly unavailable DMS from using up every attempt at once)
 */
public record DmsTimeouts(Duration call, Duration status, Duration install, Duration activation,
    Duration pollInterval, int activateAttempts, Duration activateRetryDelay) {

  /** DPF's {@code --dms-timeout} default, in seconds. */
  public static final int DEFAULT_DMS_TIMEOUT_SECONDS = 900;
  static final Duration MAX_STATUS = Duration.ofSeconds(30);

  public DmsTimeouts {
    positive(call, "call");
    positive(status, "status");
    positive(install, "install");
    positive(activation, "activation");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(activateRetryDelay, "activateRetryDelay");
    if (pollInterval.isNegative() || activateRetryDelay.isNegative()) {
      throw new IllegalArgumentException("negative interval");
    }
    if (activateAttempts < 1) {
      throw new IllegalArgumentException("activateAttempts must be at least 1");
    }
  }

  /** The defaults: {@code dmsTimeout} 900 s. */
  public static DmsTimeouts defaults() {
    return fromDmsTimeout(null);
  }

  /**
   * Timeouts derived from DPFOperatorConfig {@code spec.provisioningController.dmsTimeout} (seconds; null or less
   * than 1 means the default 900): call = dmsTimeout, status = min(dmsTimeout, 30 s), install = 60 min,
   * activation = 30 min, poll every 3 s, 10 Activate attempts 1 s apart.
   */
  public static DmsTimeouts fromDmsTimeout(Integer dmsTimeoutSeconds) {
    int seconds = dmsTimeoutSeconds == null || dmsTimeoutSeconds < 1 ? DEFAULT_DMS_TIMEOUT_SECONDS : dmsTimeoutSeconds;
    Duration call = Duration.ofSeconds(seconds);
    return new DmsTimeouts(call, min(call, MAX_STATUS), Duration.ofMinutes(60), Duration.ofMinutes(30),
        Duration.ofSeconds(3), 10, Duration.ofSeconds(1));
  }

  /** Replaces {@code call}; {@code status} is lowered to it if it was longer. */
  public DmsTimeouts withCall(Duration value) {
    return new DmsTimeouts(value, min(status, value), install, activation, pollInterval, activateAttempts,
        activateRetryDelay);
  }

  public DmsTimeouts withStatus(Duration value) {
    return new DmsTimeouts(call, value, install, activation, pollInterval, activateAttempts, activateRetryDelay);
  }

  public DmsTimeouts withInstall(Duration value) {
    return new DmsTimeouts(call, status, value, activation, pollInterval, activateAttempts, activateRetryDelay);
  }

  public DmsTimeouts withActivation(Duration value) {
    return new DmsTimeouts(call, status, install, value, pollInterval, activateAttempts, activateRetryDelay);
  }

  public DmsTimeouts withPollInterval(Duration value) {
    return new DmsTimeouts(call, status, install, activation, value, activateAttempts, activateRetryDelay);
  }

  public DmsTimeouts withActivateRetries(int attempts, Duration delay) {
    return new DmsTimeouts(call, status, install, activation, pollInterval, attempts, delay);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
