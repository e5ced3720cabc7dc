package dev.dpf.provisioning.dpucluster;

import dev.dpf.common.runtime.OperatorContext;
import java.time.Duration;

/** Registers the DPUCluster controllers: the health controller and the static and Kamaji cluster managers. */
public final class DpuClusterControllers {

  /** How long a passed health check counts before the drift net checks a Ready cluster again. */
  public static final Duration HEALTH_RECHECK = Duration.ofSeconds(60);

  private DpuClusterControllers() {}

  public static void register(OperatorContext context) {
    register(context, HEALTH_RECHECK);
  }

  /** With a custom re-check interval (tests). */
  public static void register(OperatorContext context, Duration healthRecheck) {
    ClusterChecks health = new ClusterChecks("dpucluster-health", 2, context.clock());
    ClusterChecks secrets = new ClusterChecks("dpucluster-kubeconfig-check", 2, context.clock());
    context.onStop(health);
    context.onStop(secrets);
    String operatorNamespace = context.settings().operatorNamespace();
    context.register(new DpuClusterReconciler(context.dpuClusters(), health, context.conditions(),
        context.events("dpucluster"), healthRecheck));
    context.register(new StaticClusterManagerReconciler(operatorNamespace, secrets, context.conditions(),
        context.events("static-cluster-manager")));
    context.register(new KamajiClusterManagerReconciler(operatorNamespace, context.conditions(),
        context.events("kamaji-cluster-manager")));
  }
}
