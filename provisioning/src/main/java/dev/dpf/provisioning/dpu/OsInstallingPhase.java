package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUInstallStep;
import dev.dpf.api.provisioning.v1alpha1.DPUInstallation;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.K8sCluster;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.common.cluster.DpuClusterRuntime;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code OS Installing} (reference 9.6, quirks Q6 and Q15): the installation through DMS, as two background tasks
 * ({@link DpuInstaller}) whose progress lands in {@code status.installation}:
 * <ol>
 *   <li>transfer (DPU mode, BFB, bf.cfg); on success the intent to activate is recorded
 *       ({@code activationRequestedAt}) before anything is activated;</li>
 *   <li>activation (asks DMS first when resuming, so a DPU is activated once), RebootStatus until the DPU booted
 *       ({@code installedAt});</li>
 *   <li>the cloud-init wait ({@code CLOUD_INIT_TIMEOUT}) as a reschedule, the two {@code spec.cluster.nodeLabels},
 *       then {@code Rebooting} with {@code OSInstalled=True} "DPU is rebooting".</li>
 * </ol>
 * Recoverable failures are retried with back-off up to the attempt limit, then (like permanent ones) end in Error
 * with {@code OSInstalled=False/InstallationFailed}. Deletion cancels the tasks (cleanup).
 */
final class OsInstallingPhase implements Phase {

  /** Later releases' OSInstalled reason while the installation runs. */
  static final String REASON_INSTALLATION_IN_PROGRESS = "InstallationInProgress";

  @Override
  public DPUPhase phase() {
    return DPUPhase.OS_INSTALLING;
  }

  @Override
  public Step handle(DpuPass p) {
    Optional<BFB> bfb = p.svc.watches.bfb(p.namespace(), p.dpu.getSpec().getBfb());
    if (bfb.isEmpty()) {
      return Step.waitForEvent();
    }
    DPUInstallation inst = p.status.getInstallation();
    if (inst == null) {
      inst = new DPUInstallation();
      inst.setAttempt(1);
      inst.setStep(DPUInstallStep.TRANSFERRING_BFB);
      inst.setBfbVersion(bfb.get().effectiveFileName());
      inst.setBfCFGVersion(DpuObjects.bfCfgVersion(p.dpu));
      p.status.setInstallation(inst);
    }
    if (inst.getInstalledAt() != null) {
      return installed(p, inst, bfb.get());
    }
    if (inst.getActivationRequestedAt() != null) {
      return activation(p, inst, bfb.get());
    }
    return transfer(p, inst);
  }

  private static Step transfer(DpuPass p, DPUInstallation inst) {
    Optional<BackgroundTasks.Task<DpuInstaller.Transferred>> found = p.svc.tasks.get(p.uid(),
        BackgroundTasks.Kind.TRANSFER);
    if (found.isEmpty()) {
      Duration wait = backoffLeft(p, inst);
      if (!wait.isZero()) {
        return Step.recheckAfter(wait);
      }
      if (!p.svc.settings.ready()) {
        return Step.recheckAfter(p.svc.options.waitInterval());
      }
      DpuInstaller.TransferJob job;
      try {
        job = transferJob(p, inst);
      } catch (InstallFailure f) {
        return failed(p, inst, f, p.now);
      }
      p.svc.tasks.start(p.uid(), BackgroundTasks.Kind.TRANSFER, p.id(),
          task -> p.svc.installer.transfer(job, progress -> p.svc.tasks.progress(task, progress)));
      inst.setStep(DPUInstallStep.TRANSFERRING_BFB);
      p.setFalse(DPU.CONDITION_OS_INSTALLED, REASON_INSTALLATION_IN_PROGRESS, "transferring " + inst.getBfbVersion()
          + " to DMS" + attempt(inst, p));
      if (inst.getAttempt() == 1) {
        p.normal("InstallationStarted", "Installing " + inst.getBfbVersion() + " through DMS");
      }
      return Step.waitForEvent();
    }
    BackgroundTasks.Task<DpuInstaller.Transferred> task = found.get();
    if (!task.isDone()) {
      DpuInstaller.Progress progress = task.progress();
      if (progress != null) {
        inst.setStep(progress.step());
        inst.setBytesSent(progress.bytes());
        inst.setTotalBytes(progress.total());
        if (progress.step() == DPUInstallStep.TRANSFERRING_BF_CFG) {
          inst.setBfbTransferred(true);
          p.setFalse(DPU.CONDITION_OS_INSTALLED, REASON_INSTALLATION_IN_PROGRESS, "transferring bf.cfg "
              + inst.getBfCFGVersion() + " to DMS" + attempt(inst, p));
        } else {
          p.setFalse(DPU.CONDITION_OS_INSTALLED, REASON_INSTALLATION_IN_PROGRESS, "transferring "
              + inst.getBfbVersion() + " to DMS: " + percent(progress) + attempt(inst, p));
        }
      }
      return Step.waitForEvent();
    }
    p.consume(BackgroundTasks.Kind.TRANSFER);
    DpuInstaller.Transferred result;
    try {
      result = task.get();
    } catch (Exception e) {
      return failed(p, inst, InstallFailure.of(e), task.finished());
    }
    inst.setBfbTransferred(true);
    inst.setBfCFGTransferred(true);
    p.svc.metrics.transferred(result.bfbBytes());
    inst.setBytesSent(result.bfbBytes());
    inst.setTotalBytes(result.bfbBytes());
    inst.setPreviousVersion(result.previousVersion());
    // the intent is written before OS.Activate is sent: the next pass starts the activation from the status
    inst.setActivationRequestedAt(task.finished().toString());
    inst.setStep(DPUInstallStep.ACTIVATING);
    p.setFalse(DPU.CONDITION_OS_INSTALLED, REASON_INSTALLATION_IN_PROGRESS, "activating " + version(inst));
    return Step.again();
  }

  private static Step activation(DpuPass p, DPUInstallation inst, BFB bfb) {
    Optional<BackgroundTasks.Task<DpuInstaller.Activated>> found = p.svc.tasks.get(p.uid(),
        BackgroundTasks.Kind.ACTIVATE);
    boolean activated = Boolean.TRUE.equals(inst.getActivated());
    if (found.isEmpty()) {
      Duration wait = backoffLeft(p, inst);
      if (!wait.isZero()) {
        return Step.recheckAfter(wait);
      }
      DpuInstaller.ActivateJob job = new DpuInstaller.ActivateJob(p.ref(), version(inst), inst.getPreviousVersion(),
          activated, p.svc.options.dmsTimeouts(p.svc.settings.dmsTimeoutSeconds()));
      p.svc.tasks.start(p.uid(), BackgroundTasks.Kind.ACTIVATE, p.id(),
          task -> p.svc.installer.activate(job, progress -> p.svc.tasks.progress(task, progress)));
      inst.setStep(activated ? DPUInstallStep.DPU_REBOOTING : DPUInstallStep.ACTIVATING);
      p.setFalse(DPU.CONDITION_OS_INSTALLED, REASON_INSTALLATION_IN_PROGRESS, (activated
          ? "DMS is installing " + version(inst) + " on the DPU; waiting for it to boot"
          : "activating " + version(inst)) + attempt(inst, p));
      return Step.waitForEvent();
    }
    BackgroundTasks.Task<DpuInstaller.Activated> task = found.get();
    if (!task.isDone()) {
      DpuInstaller.Progress progress = task.progress();
      if (progress != null && progress.activated() && !activated) {
        inst.setActivated(true);
        inst.setStep(DPUInstallStep.DPU_REBOOTING);
        p.setFalse(DPU.CONDITION_OS_INSTALLED, REASON_INSTALLATION_IN_PROGRESS, "DMS is installing "
            + version(inst) + " on the DPU; waiting for it to boot" + attempt(inst, p));
        p.normal("Activated", "DMS accepted the activation of " + version(inst));
      }
      return Step.waitForEvent();
    }
    p.consume(BackgroundTasks.Kind.ACTIVATE);
    try {
      task.get();
    } catch (Exception e) {
      return failed(p, inst, InstallFailure.of(e), task.finished());
    }
    inst.setActivated(true);
    inst.setInstalledAt(task.finished().toString());
    p.svc.metrics.installSucceeded();
    inst.setStep(DPUInstallStep.WAITING_FOR_CLOUD_INIT);
    return installed(p, inst, bfb);
  }

  /** The DPU booted the new image: cloud-init wait, DPU-cluster Node labels, then Rebooting. */
  private static Step installed(DpuPass p, DPUInstallation inst, BFB bfb) {
    Instant until = Instant.parse(inst.getInstalledAt()).plus(p.svc.options.cloudInitWait());
    if (p.now.isBefore(until)) {
      inst.setStep(DPUInstallStep.WAITING_FOR_CLOUD_INIT);
      p.setFalse(DPU.CONDITION_OS_INSTALLED, REASON_INSTALLATION_IN_PROGRESS, "the DPU booted " + version(inst)
          + "; waiting " + p.svc.options.cloudInitWait().toSeconds() + "s for cloud-init");
      return Step.recheckAfter(Duration.between(p.now, until));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ProvisioningLabels.DOCA_BFB_VERSION, bfb.urlBaseName());
    labels.put(ProvisioningLabels.HOST, p.nodeName());
    K8sCluster cluster = p.dpu.getSpec().getCluster();
    Map<String, String> current = cluster == null || cluster.getNodeLabels() == null ? Map.of()
        : cluster.getNodeLabels();
    if (!labels.entrySet().stream().allMatch(e -> e.getValue().equals(current.get(e.getKey())))) {
      try {
        p.svc.resources.addNodeLabels(p.dpu, labels);
      } catch (DpuActionException e) {
        return p.error(DPU.CONDITION_OS_INSTALLED, DPU.REASON_INSTALLATION_FAILED, e.getMessage());
      }
    }
    inst.setStep(DPUInstallStep.INSTALLED);
    p.setTrue(DPU.CONDITION_OS_INSTALLED, DPU.MESSAGE_DPU_IS_REBOOTING);
    p.normal(DPU.CONDITION_OS_INSTALLED, "Installed " + version(inst) + " on the DPU");
    return Step.next(DPUPhase.REBOOTING);
  }

  private static DpuInstaller.TransferJob transferJob(DpuPass p, DPUInstallation inst) throws InstallFailure {
    if (DpuWatches.unassigned(p.dpu)) {
      throw new InstallFailure("spec.cluster.name is not set", false, null);
    }
    String clusterNs = DpuWatches.clusterNamespace(p.dpu);
    String clusterName = p.dpu.getSpec().getCluster().getName();
    DPUCluster cluster = p.svc.watches.cluster(clusterNs, clusterName).orElseThrow(() -> new InstallFailure(
        "DPUCluster " + clusterNs + "/" + clusterName + " not found", false, null));
    Node node = p.svc.watches.node(p.nodeName()).orElse(null);
    if (node == null) {
      throw new InstallFailure(p.hostNodeMissing(null), false, null);
    }
    Map<String, String> nodeAnnotations = node.getMetadata().getAnnotations() == null ? Map.of()
        : node.getMetadata().getAnnotations();
    try {
      return new DpuInstaller.TransferJob(p.ref(), inst.getBfbVersion(), p.svc.volume.file(inst.getBfbVersion()),
          inst.getBfCFGVersion(), p.namespace(), p.dpu.getSpec().getDpuFlavor(), DpuClusterRuntime.ref(cluster),
          p.annotations(), nodeAnnotations, p.svc.options.dmsTimeouts(p.svc.settings.dmsTimeoutSeconds()));
    } catch (IllegalArgumentException e) {
      throw new InstallFailure(e.getMessage(), true, e);
    }
  }

  /** A failed attempt: retried after back-off while attempts are left and the failure is not permanent. */
  private static Step failed(DpuPass p, DPUInstallation inst, InstallFailure f, Instant at) {
    inst.setLastError(f.getMessage());
    inst.setLastErrorAt(at.toString());
    int max = p.svc.options.maxInstallAttempts();
    int attempt = inst.getAttempt() == null ? 1 : inst.getAttempt();
    boolean giveUp = f.permanent() || attempt >= max;
    p.svc.metrics.installFailed(!giveUp);
    if (giveUp) {
      String message = f.permanent() || max == 1 ? f.getMessage()
          : f.getMessage() + " (gave up after " + attempt + " attempts)";
      return p.fail(DPU.CONDITION_OS_INSTALLED, DPU.REASON_INSTALLATION_FAILED, message);
    }
    Duration wait = p.svc.options.installBackoff(attempt + 1);
    inst.setAttempt(attempt + 1);
    p.setFalse(DPU.CONDITION_OS_INSTALLED, DPU.REASON_INSTALLATION_FAILED, f.getMessage() + " (attempt " + attempt
        + " of " + max + " failed; retrying in " + wait.toSeconds() + "s)");
    p.warn(DPU.REASON_INSTALLATION_FAILED, f.getMessage());
    return Step.recheckAfter(wait);
  }

  private static Duration backoffLeft(DpuPass p, DPUInstallation inst) {
    if (inst.getLastErrorAt() == null || inst.getAttempt() == null || inst.getAttempt() < 2) {
      return Duration.ZERO;
    }
    Instant until = Instant.parse(inst.getLastErrorAt()).plus(p.svc.options.installBackoff(inst.getAttempt()));
    return p.now.isBefore(until) ? Duration.between(p.now, until) : Duration.ZERO;
  }

  static String version(DPUInstallation inst) {
    return inst.getBfbVersion() + ";" + inst.getBfCFGVersion();
  }

  private static String attempt(DPUInstallation inst, DpuPass p) {
    return inst.getAttempt() == null || inst.getAttempt() < 2 ? ""
        : " (attempt " + inst.getAttempt() + " of " + p.svc.options.maxInstallAttempts() + ")";
  }

  private static String percent(DpuInstaller.Progress progress) {
    if (progress.total() <= 0) {
      return progress.bytes() + " bytes";
    }
    return (progress.bytes() * 100 / progress.total()) + "% (" + progress.bytes() + " of " + progress.total()
        + " bytes)";
  }
}
