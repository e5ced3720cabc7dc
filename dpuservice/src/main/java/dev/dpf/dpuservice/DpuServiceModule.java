package dev.dpf.dpuservice;

import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorContext;
import dev.dpf.dpuservice.dpuready.DpuPodCache;
import dev.dpf.dpuservice.dpuready.DpuReadyReconciler;
import dev.dpf.dpuservice.dpuservice.DpuClusterServices;
import dev.dpf.dpuservice.dpuservice.DpuServiceReconciler;

/**
 * Registration point of the dpuservice controllers. Each controller area registers itself in one method below;
 * edit this file with one small change per area.
 */
public final class DpuServiceModule implements ControllerModule {

  @Override
  public String name() {
    return "dpuservice";
  }

  @Override
  public void register(OperatorContext context) {
    registerDpuService(context);
    registerDpuReady(context);
  }

  /** DPUService controller: Argo CD Applications and prerequisites per DPU cluster, config ports. */
  static void registerDpuService(OperatorContext context) {
    DpuClusterServices remote = new DpuClusterServices();
    context.dpuClusterRuntime().add(remote);
    context.register(new DpuServiceReconciler(context.conditions(), context.events("dpuservice-controller"),
        context.dpuClusters(), remote, context.dpuClusterRuntime(), context.settings(), context.clock()));
  }

  /** dpu-ready taint on host Nodes for critical DPUServices; host Nodes are cluster-scoped (all namespaces). */
  static void registerDpuReady(OperatorContext context) {
    DpuPodCache pods = new DpuPodCache();
    context.dpuClusterRuntime().add(pods);
    context.register(new DpuReadyReconciler(pods, context.dpuClusterRuntime(), context.events("dpuready-controller"),
        context.settings()), override -> override.watchingAllNamespaces());
  }
}
