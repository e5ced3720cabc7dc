package dev.dpf.servicechain.sets;

import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSet;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSetStatus;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
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
 * ServiceInterfaceSet controller (DPU cluster): one ServiceInterface per selected DPU node ({@link SetEngine}). Runs against one DPU cluster
 * through its admin kubeconfig ({@link SetControllers}), so it needs no host-cluster RBAC.
 */
@ControllerConfiguration(name = "serviceinterfaceset", finalizerName = ServiceInterfaceSet.FINALIZER, fieldManager = ServiceInterfaceSet.FIELD_OWNER)
public class ServiceInterfaceSetReconciler implements Reconciler<ServiceInterfaceSet>, Cleaner<ServiceInterfaceSet> {

  /** The kind-specific parts of the expansion. */
  static final class Kind implements SetKind<ServiceInterfaceSet, ServiceInterfaceSetStatus, ServiceInterface> {
    @Override
    public Class<ServiceInterfaceSet> setType() {
      return ServiceInterfaceSet.class;
    }

    @Override
    public Class<ServiceInterface> childType() {
      return ServiceInterface.class;
    }

    @Override
    public String nameLabel() {
      return ChainLabels.SERVICE_INTERFACE_SET_NAME;
    }

    @Override
    public String namespaceLabel() {
      return ChainLabels.SERVICE_INTERFACE_SET_NAMESPACE;
    }

    @Override
    public List<String> conditions() {
      return ServiceInterfaceSet.CONDITIONS;
    }

    @Override
    public String reconciledCondition() {
      return ServiceInterfaceSet.CONDITION_SERVICE_INTERFACES_RECONCILED;
    }

    @Override
    public String readyCondition() {
      return ServiceInterfaceSet.CONDITION_SERVICE_INTERFACES_READY;
    }

    @Override
    public String fieldOwner() {
      return ServiceInterfaceSet.FIELD_OWNER;
    }

    @Override
    public ServiceInterfaceSetStatus newStatus() {
      return new ServiceInterfaceSetStatus();
    }

    @Override
    public LabelSelector nodeSelector(ServiceInterfaceSet set) {
      return set.getSpec().getNodeSelector();
    }

    @Override
    public ServiceInterface child(ServiceInterfaceSet set, String node, String name) {
      return SetChildren.serviceInterface(set, node, name);
    }

    @Override
    public String node(ServiceInterface child) {
      return child.getSpec() == null ? null : child.getSpec().getNode();
    }

    @Override
    public void counts(ServiceInterfaceSetStatus status, int applied, int ready) {
      status.setNumberApplied(applied);
      status.setNumberReady(ready);
    }
  }

  private final SetEngine<ServiceInterfaceSet, ServiceInterfaceSetStatus, ServiceInterface> engine;

  public ServiceInterfaceSetReconciler(StatusConditions conditions, EventRecorder events) {
    this.engine = new SetEngine<>(new Kind(), conditions, events);
  }

  @Override
  public List<EventSource<?, ServiceInterfaceSet>> prepareEventSources(EventSourceContext<ServiceInterfaceSet> context) {
    return engine.eventSources(context);
  }

  @Override
  public UpdateControl<ServiceInterfaceSet> reconcile(ServiceInterfaceSet set, Context<ServiceInterfaceSet> context) throws MirrorSyncException {
    return engine.reconcile(set, context);
  }

  @Override
  public ErrorStatusUpdateControl<ServiceInterfaceSet> updateErrorStatus(ServiceInterfaceSet set, Context<ServiceInterfaceSet> context, Exception e) {
    return engine.updateErrorStatus(set, e);
  }

  @Override
  public DeleteControl cleanup(ServiceInterfaceSet set, Context<ServiceInterfaceSet> context) {
    return engine.cleanup(set, context);
  }
}
