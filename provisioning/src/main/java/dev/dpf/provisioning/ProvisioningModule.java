package dev.dpf.provisioning;

import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorContext;
import dev.dpf.provisioning.bfb.BfbDownloads;
import dev.dpf.provisioning.bfb.BfbReconciler;
import dev.dpf.provisioning.bfb.BfbVolume;
import dev.dpf.provisioning.bfb.DpuBfbUsage;
import dev.dpf.provisioning.bfb.HttpDownloader;
import dev.dpf.provisioning.dpuset.DpuSetReconciler;
import dev.dpf.provisioning.dpu.DpuControllers;
import dev.dpf.provisioning.dpucluster.DpuClusterControllers;
import dev.dpf.provisioning.flavor.DpuFlavorReconciler;
import java.time.Duration;

/**
 * Registration point of the provisioning controllers. Each controller area registers itself in one line below;
 * edit this file with one small change per area.
 */
public final class ProvisioningModule implements ControllerModule {

  @Override
  public String name() {
    return "provisioning";
  }

  @Override
  public void register(OperatorContext context) {
    registerBfb(context);
    registerDpuSet(context);
    registerDpuCluster(context);
    registerDpuFlavor(context);
    registerDpu(context);
  }

  static void registerBfb(OperatorContext context) {
    BfbDownloads downloads = new BfbDownloads(new HttpDownloader(HttpDownloader.defaultClient()), 4,
        Duration.ofMinutes(2), context.meters());
    context.onStop(downloads);
    context.register(new BfbReconciler(new BfbVolume(context.settings().bfbDir()), downloads, context.conditions(),
        context.events("bfb"), new DpuBfbUsage()));
  }

  static void registerDpuSet(OperatorContext context) {
    context.register(new DpuSetReconciler(context.conditions(), context.events("dpuset"), context.clock()));
  }

  /** DPUCluster health controller, static and Kamaji cluster managers. */
  static void registerDpuCluster(OperatorContext context) {
    DpuClusterControllers.register(context);
  }

  /** DPUFlavor validity conditions and deletion protection. */
  static void registerDpuFlavor(OperatorContext context) {
    context.register(new DpuFlavorReconciler(context.conditions(), context.events("dpuflavor")));
  }

  /** DPU controller (phase machine: node effects, DMS, OS installation, reboot, host network, DPU cluster). */
  static void registerDpu(OperatorContext context) {
    DpuControllers.register(context);
  }
}
