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

/** Registration point of the dpuservice controllers. */
public final class DpuServiceModule implements ControllerModule {

  @Override
  public String name() {
    return "dpuservice";
  }

  @Override
  public void register(OperatorContext context) {
    // reconcilers are added here as they are implemented
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
}
