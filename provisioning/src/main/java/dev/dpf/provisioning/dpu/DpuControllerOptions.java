package dev.dpf.provisioning.dpu;

import dev.dpf.dms.DmsTimeouts;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Process-level settings of the DPU controller (upstream: flags and environment of the provisioning controller,
 * reference 1.4). Settings users change at run time (dmsTimeout, bfbPVCName, image pull secrets, MTU) come from the
 * DPFOperatorConfig through {@link ProvisioningSettings} instead.
 *
 * @param dmsImage image of every container of the DMS pod ({@code --dms-image})
 * @param hostNetworkImage image of the host network pod ({@code --hostnetwork-image})
 * @param cloudInitWait wait after DMS reported the DPU booted the new image, before the DPU is labelled and the host
 *     rebooted ({@code CLOUD_INIT_TIMEOUT}, 90 s)
 * @param dmsPodTimeout how long a DMS pod may stay Pending or in an odd phase ({@code --dms-pod-timeout}, 5 min)
 * @param dmsProbeTimeout connect timeout of the TCP readiness probe of DMS (5 s)
 * @param rebootGracePeriod after a host reboot command, how long to wait for the host to come back before the command
 *     is issued again (quirk Q14; upstream re-issues it every 5 s)
 * @param rebootCheckInterval how often the host uptime is read while waiting for a reboot
 * @param maxInstallAttempts installation attempts before a recoverable failure (DMS unreachable, TLS, timeouts, the
 *     DPU cluster unreachable for the join token) ends in phase Error
 * @param installRetryDelay pause before the second attempt; doubled for each further one
 * @param installThreads background threads for installations (the number of DPUs flashed at once)
 * @param waitInterval re-check of things that emit no event (DMS port opening, DPU-cluster Node without a watch)
 * @param readyRecheck drift net for Ready DPUs (upstream polls every 5 s; events do the work here)
 * @param timeouts adjusts the DMS client time limits derived from {@code dmsTimeout} (tests shorten the polling)
 */
public record DpuControllerOptions(
    String dmsImage,
    String hostNetworkImage,
    Duration cloudInitWait,
    Duration dmsPodTimeout,
    Duration dmsProbeTimeout,
    Duration rebootGracePeriod,
    Duration rebootCheckInterval,
    int maxInstallAttempts,
    Duration installRetryDelay,
    int installThreads,
    Duration waitInterval,
    Duration readyRecheck,
    UnaryOperator<DmsTimeouts> timeouts) {

  /** Upstream's default CLOUD_INIT_TIMEOUT. */
  public static final Duration DEFAULT_CLOUD_INIT_WAIT = Duration.ofSeconds(90);
  /** Release defaults of the images (unverified tags; set DPF_DMS_IMAGE / DPF_HOSTNETWORK_IMAGE). */
  public static final String DEFAULT_DMS_IMAGE = "nvcr.io/nvidia/doca/dms:v24.10.0";
  public static final String DEFAULT_HOSTNETWORK_IMAGE = "nvcr.io/nvidia/doca/dpf-hostnetwork:v24.10.0";

  public DpuControllerOptions {
    Objects.requireNonNull(dmsImage, "dmsImage");
    Objects.requireNonNull(hostNetworkImage, "hostNetworkImage");
    Objects.requireNonNull(timeouts, "timeouts");
    if (maxInstallAttempts < 1 || installThreads < 1) {
      throw new IllegalArgumentException("maxInstallAttempts and installThreads must be at least 1");
    }
  }

  public static DpuControllerOptions defaults() {
    return new DpuControllerOptions(DEFAULT_DMS_IMAGE, DEFAULT_HOSTNETWORK_IMAGE, DEFAULT_CLOUD_INIT_WAIT,
        Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(10), 5,
        Duration.ofSeconds(30), 16, Duration.ofSeconds(5), Duration.ofMinutes(1), t -> t);
  }

  /**
   * The defaults with the environment of the operator process: {@code CLOUD_INIT_TIMEOUT} (seconds; an invalid value
   * means 90, as upstream), {@code DPF_DMS_IMAGE}, {@code DPF_HOSTNETWORK_IMAGE}.
   */
  public static DpuControllerOptions fromEnvironment(Map<String, String> env) {
    DpuControllerOptions o = defaults();
    String cloudInit = env.get("CLOUD_INIT_TIMEOUT");
    Duration wait = DEFAULT_CLOUD_INIT_WAIT;
    if (cloudInit != null) {
      try {
        long seconds = Long.parseLong(cloudInit.trim());
        wait = seconds < 0 ? DEFAULT_CLOUD_INIT_WAIT : Duration.ofSeconds(seconds);
      } catch (NumberFormatException e) {
        wait = DEFAULT_CLOUD_INIT_WAIT;
      }
    }
    return o.withImages(env.getOrDefault("DPF_DMS_IMAGE", o.dmsImage()),
        env.getOrDefault("DPF_HOSTNETWORK_IMAGE", o.hostNetworkImage())).withCloudInitWait(wait);
  }

  public DpuControllerOptions withImages(String dms, String hostNetwork) {
    return new DpuControllerOptions(dms, hostNetwork, cloudInitWait, dmsPodTimeout, dmsProbeTimeout,
        rebootGracePeriod, rebootCheckInterval, maxInstallAttempts, installRetryDelay, installThreads, waitInterval,
        readyRecheck, timeouts);
  }

  public DpuControllerOptions withCloudInitWait(Duration value) {
    return new DpuControllerOptions(dmsImage, hostNetworkImage, value, dmsPodTimeout, dmsProbeTimeout,
        rebootGracePeriod, rebootCheckInterval, maxInstallAttempts, installRetryDelay, installThreads, waitInterval,
        readyRecheck, timeouts);
  }

  public DpuControllerOptions withDmsPodTimeout(Duration value) {
    return new DpuControllerOptions(dmsImage, hostNetworkImage, cloudInitWait, value, dmsProbeTimeout,
        rebootGracePeriod, rebootCheckInterval, maxInstallAttempts, installRetryDelay, installThreads, waitInterval,
        readyRecheck, timeouts);
  }

  public DpuControllerOptions withReboot(Duration gracePeriod, Duration checkInterval) {
    return new DpuControllerOptions(dmsImage, hostNetworkImage, cloudInitWait, dmsPodTimeout, dmsProbeTimeout,
        gracePeriod, checkInterval, maxInstallAttempts, installRetryDelay, installThreads, waitInterval,
        readyRecheck, timeouts);
  }

  public DpuControllerOptions withInstallRetries(int attempts, Duration delay) {
    return new DpuControllerOptions(dmsImage, hostNetworkImage, cloudInitWait, dmsPodTimeout, dmsProbeTimeout,
        rebootGracePeriod, rebootCheckInterval, attempts, delay, installThreads, waitInterval, readyRecheck,
        timeouts);
  }

  public DpuControllerOptions withWaits(Duration wait, Duration ready) {
    return new DpuControllerOptions(dmsImage, hostNetworkImage, cloudInitWait, dmsPodTimeout, dmsProbeTimeout,
        rebootGracePeriod, rebootCheckInterval, maxInstallAttempts, installRetryDelay, installThreads, wait, ready,
        timeouts);
  }

  public DpuControllerOptions withTimeouts(UnaryOperator<DmsTimeouts> value) {
    return new DpuControllerOptions(dmsImage, hostNetworkImage, cloudInitWait, dmsPodTimeout, dmsProbeTimeout,
        rebootGracePeriod, rebootCheckInterval, maxInstallAttempts, installRetryDelay, installThreads, waitInterval,
        readyRecheck, value);
  }

  /** The DMS client time limits for a {@code dmsTimeout} (seconds, null = default 900). */
  public DmsTimeouts dmsTimeouts(Integer dmsTimeoutSeconds) {
    return timeouts.apply(DmsTimeouts.fromDmsTimeout(dmsTimeoutSeconds));
  }

  /** Back-off before install attempt {@code attempt} (2, 3, ...): delay, 2 x delay, 4 x delay ... capped at 10 min. */
  public Duration installBackoff(int attempt) {
    long factor = 1L << Math.min(20, Math.max(0, attempt - 2));
    Duration d = installRetryDelay.multipliedBy(factor);
    return d.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : d;
  }
}
