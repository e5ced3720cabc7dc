package dev.dpf.servicechain.sets;

import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.ServiceChainSet;
import dev.dpf.api.svc.v1alpha1.ServiceChainSetStatus;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.servicechain.mirror.MirrorSyncException;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/**
 * ServiceChainSet controller (DPU cluster): one ServiceChain per selected DPU node ({@link SetEngine}). Runs against one DPU cluster
 * through its admin kubeconfig ({@link SetControllers}), so it needs no host-cluster RBAC.
 */
@ControllerConfiguration(name = "servicechainset", finalizerName = ServiceChainSet.FINALIZER, fieldManager = ServiceChainSet.FIELD_OWNER)
public class ServiceChainSetReconciler implements Reconciler<ServiceChainSet>, Cleaner<ServiceChainSet> {

  /** The kind-specific parts of the expansion. */
  static final class Kind implements SetKind<ServiceChainSet, ServiceChainSetStatus, ServiceChain> {
    @Override
    public Class<ServiceChainSet> setType() {
      return ServiceChainSet.class;
    }

    @Override
    public Class<ServiceChain> childType() {
      return ServiceChain.class;
    }

    @Override
    public String nameLabel() {
      return ChainLabels.SERVICE_CHAIN_SET_NAME;
    }

    @Override
    public String namespaceLabel() {
      return ChainLabels.SERVICE_CHAIN_SET_NAMESPACE;
    }

    @Override
    public List<String> conditions() {
      return ServiceChainSet.CONDITIONS;
    }

    @Override
    public String reconciledCondition() {
      return ServiceChainSet.CONDITION_SERVICE_CHAINS_RECONCILED;
    }

    @Override
    public String readyCondition() {
      return ServiceChainSet.CONDITION_SERVICE_CHAINS_READY;
    }

    @Override
    public String fieldOwner() {
      return ServiceChainSet.FIELD_OWNER;
    }

    @Override
    public ServiceChainSetStatus newStatus() {
      return new ServiceChainSetStatus();
    }

    @Override
    public LabelSelector nodeSelector(ServiceChainSet set) {
      return set.getSpec().getNodeSelector();
    }

    @Override
    public ServiceChain child(ServiceChainSet set, String node, String name) {
      return SetChildren.serviceChain(set, node, name);
    }

    @Override
    public String node(ServiceChain child) {
      return child.getSpec() == null ? null : child.getSpec().getNode();
    }

    @Override
    public void counts(ServiceChainSetStatus status, int applied, int ready) {
      status.setNumberApplied(applied);
      status.setNumberReady(ready);
    }
  }

  private final SetEngine<ServiceChainSet, ServiceChainSetStatus, ServiceChain> engine;

  public ServiceChainSetReconciler(StatusConditions conditions, EventRecorder events) {
    this.engine = new SetEngine<>(new Kind(), conditions, events);
  }

  @Override
  public List<EventSource<?, ServiceChainSet>> prepareEventSources(EventSourceContext<ServiceChainSet> context) {
    return engine.eventSources(context);
  }

  @Override
  public UpdateControl<ServiceChainSet> reconcile(ServiceChainSet set, Context<ServiceChainSet> context) throws MirrorSyncException {
    return engine.reconcile(set, context);
  }

  @Override
  public ErrorStatusUpdateControl<ServiceChainSet> updateErrorStatus(ServiceChainSet set, Context<ServiceChainSet> context, Exception e) {
    return engine.updateErrorStatus(set, e);
  }

  @Override
  public DeleteControl cleanup(ServiceChainSet set, Context<ServiceChainSet> context) {
    return engine.cleanup(set, context);
  }
}
