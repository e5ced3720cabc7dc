package dev.dpf.provisioning.dpu;

import dev.dpf.common.runtime.OperatorContext;
import dev.dpf.dms.DmsEndpoints;
import dev.dpf.dms.DmsPodEndpoints;
import dev.dpf.dms.HostOps;
import dev.dpf.dms.PodExecHostOps;
import dev.dpf.provisioning.bfb.BfbVolume;
import dev.dpf.provisioning.dpucluster.FirstClusterAllocator;
import dev.dpf.provisioning.dpucluster.KubeadmJoin;
import java.time.Duration;

/**
 * Registers the DPU controller. Production talks to the hardware through the DMS pods ({@link DmsPodEndpoints},
 * {@link PodExecHostOps}); tests and the demo pass the simulator fleet's {@code endpoints()} and {@code hostOps()}
 * behind the same interfaces.
 */
public final class DpuControllers {

  /** Longest one command in the DMS pod (uptime, ipmitool, bf-slr.sh) may run. */
  static final Duration HOST_COMMAND_TIMEOUT = Duration.ofMinutes(5);

  private DpuControllers() {}

  /**
   * Production wiring: DMS pods, pod exec, the DPFOperatorConfig, the process environment. The hardware seams
   * ({@link DmsEndpoints}, {@link HostOps}) and the {@link DpuControllerOptions} can be replaced through {@link OperatorContext#provide} (the demo points
   * them at the simulator fleet).
   */
  public static void register(OperatorContext context) {
    OperatorConfigSettings settings = new OperatorConfigSettings(context.client(),
        context.settings().operatorNamespace());
    context.onStop(settings);
    register(context, context.seam(DmsEndpoints.class, () -> new DmsPodEndpoints(context.client())),
        context.seam(HostOps.class, () -> new PodExecHostOps(context.client(), HOST_COMMAND_TIMEOUT)), settings,
        context.seam(DpuControllerOptions.class, () -> DpuControllerOptions.fromEnvironment(System.getenv())));
  }

  /** With explicit hardware seams, settings and options (tests, demo). */
  public static void register(OperatorContext context, DmsEndpoints endpoints, HostOps hostOps,
      ProvisioningSettings settings, DpuControllerOptions options) {
    BackgroundTasks tasks = new BackgroundTasks(options.installThreads(), 4, context.clock());
    context.onStop(tasks);
    BfbVolume volume = new BfbVolume(context.settings().bfbDir());
    DpuResources resources = new DpuResources(context.client(), context.dpuClusters());
    DpuInstaller installer = new DpuInstaller(context.client(), endpoints,
        new KubeadmJoin(context.dpuClusters(), context.clock()), volume, resources);
    DpuClusterNodes clusterNodes = new DpuClusterNodes();
    context.dpuClusterRuntime().add(clusterNodes);
    DpuServices services = new DpuServices(context.client(), context.clock(), context.conditions(),
        context.events("dpu"), settings, options, endpoints, hostOps, new FirstClusterAllocator(context.clock()),
        context.dpuClusters(), clusterNodes, volume, tasks, installer,
        new DpuMetrics(context.meters()));
    context.register(new DpuReconciler(services));
  }
}
