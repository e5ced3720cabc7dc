package dev.dpf.servicechain;

import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceChainStatus;
import dev.dpf.api.svc.v1alpha1.DPUServiceIPAM;
import dev.dpf.api.svc.v1alpha1.DPUServiceIPAMStatus;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterfaceStatus;
import dev.dpf.common.cluster.DpuClusterRuntime;
import dev.dpf.common.runtime.ControllerModule;
import dev.dpf.common.runtime.OperatorContext;
import dev.dpf.servicechain.dpuservicechain.ChainSetMirror;
import dev.dpf.servicechain.dpuservicechain.DpuServiceChainReconciler;
import dev.dpf.servicechain.dpuserviceinterface.DpuServiceInterfaceReconciler;
import dev.dpf.servicechain.dpuserviceinterface.InterfaceSetMirror;
import dev.dpf.servicechain.dpuserviceipam.DpuServiceIpamReconciler;
import dev.dpf.servicechain.dpuserviceipam.IpamMirror;
import dev.dpf.servicechain.mirror.MirrorEngine;
import dev.dpf.servicechain.mirror.MirrorWatches;
import dev.dpf.servicechain.sets.SetControllers;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.Retry;

/** Registration point of the servicechain controllers. */
public final class ServiceChainModule implements ControllerModule {

  @Override
  public String name() {
    return "servicechain";
  }

  @Override
  public void register(OperatorContext context) {
    registerHostAndDpuClusterControllers(context);
  }

  /**
   * Host: DPUServiceInterface, DPUServiceChain, DPUServiceIPAM (mirrors into every Ready DPU cluster) plus the
   * watches of their DPU-cluster objects. DPU clusters: the ServiceInterfaceSet and ServiceChainSet controllers,
   * one JOSDK operator per Ready DPU cluster.
   */
  static void registerHostAndDpuClusterControllers(OperatorContext context) {
    DpuClusterRuntime runtime = context.dpuClusterRuntime();
    MirrorEngine<DPUServiceInterface, DPUServiceInterfaceStatus> interfaces = new MirrorEngine<>(
        DPUServiceInterface.class, new InterfaceSetMirror(), runtime, context.conditions(),
        context.events("dpuserviceinterface-controller"));
    MirrorEngine<DPUServiceChain, DPUServiceChainStatus> chains = new MirrorEngine<>(DPUServiceChain.class,
        new ChainSetMirror(context.settings().operatorNamespace()), runtime, context.conditions(), context.events("dpuservicechain-controller"));
    MirrorEngine<DPUServiceIPAM, DPUServiceIPAMStatus> ipams = new MirrorEngine<>(DPUServiceIPAM.class,
        new IpamMirror(context.settings().operatorNamespace()), runtime, context.conditions(),
        context.events("dpuserviceipam-controller"));
    context.register(new DpuServiceInterfaceReconciler(interfaces), o -> o.withRetry(retry()));
    context.register(new DpuServiceChainReconciler(chains), o -> o.withRetry(retry()));
    context.register(new DpuServiceIpamReconciler(ipams), o -> o.withRetry(retry()));
    runtime.add(new MirrorWatches(context.client(), context.settings().watchNamespaces())
        .add(interfaces).add(chains).add(ipams));
    runtime.add(new SetControllers(context.settings().watchNamespaces(), context.clock(), retry()));
  }

  /**
   * Exponential back-off without an attempt limit (controller-runtime's behaviour): 1 s doubling up to 5 min, so a
   * DPU cluster that is down for a while is retried until it answers.
   */
  static Retry retry() {
    return new GenericRetry().setInitialInterval(1_000).setIntervalMultiplier(2).setMaxInterval(300_000)
        .withoutMaxAttempts();
  }
}
