package dev.dpf.dpuservice;

import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorContext;
import dev.dpf.dpuservice.credentials.CredentialRequestReconciler;
import dev.dpf.dpuservice.dpudeployment.DpuDeploymentReconciler;
import dev.dpf.dpuservice.template.DpuServiceConfigurationReconciler;
import dev.dpf.dpuservice.template.DpuServiceTemplateReconciler;
import dev.dpf.dpuservice.template.HttpChartFetcher;
import dev.dpf.dpuservice.template.RepositoryCredentials;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    registerDpuDeployment(context);
  }

  /** DPUDeployment, DPUServiceTemplate, DPUServiceConfiguration and DPUServiceCredentialRequest controllers. */
  static void registerDpuDeployment(OperatorContext context) {
    SecureRandom random = new SecureRandom();
    context.register(new DpuDeploymentReconciler(context.client(), context.conditions(),
        context.events("dpudeployment-controller"), random));
    ExecutorService chartPulls = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "dpuservicetemplate-chart-pull");
      t.setDaemon(true);
      return t;
    });
    context.onStop(chartPulls::shutdownNow);
    context.register(new DpuServiceTemplateReconciler(HttpChartFetcher.withDefaultTrust(),
        new RepositoryCredentials(context.client(), context.settings().operatorNamespace()), context.conditions(),
        context.events("dpuservicetemplate-controller"), chartPulls));
    context.register(new DpuServiceConfigurationReconciler(context.conditions()));
    context.register(new CredentialRequestReconciler(context.client(), context.dpuClusters(), context.clock(),
        random, context.conditions(), context.events("dpuservicecredentialrequest-controller")));
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
