package dev.dpf.servicechain.mirror;

import dev.dpf.api.common.DpfStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/**
 * A host-cluster kind whose work is the generic mirror reconcile of {@link MirrorEngine}. Subclasses bind it to their
 * kind: the type arguments, {@code @ControllerConfiguration} (name, finalizer, field owner) and {@code @Rbac}.
 */
public abstract class MirrorReconciler<P extends CustomResource<?, S>, S extends DpfStatus>
    implements Reconciler<P>, Cleaner<P> {

  private final MirrorEngine<P, S> engine;

  protected MirrorReconciler(MirrorEngine<P, S> engine) {
    this.engine = engine;
  }

  @Override
  public List<EventSource<?, P>> prepareEventSources(EventSourceContext<P> context) {
    return engine.eventSources(context);
  }

  @Override
  public UpdateControl<P> reconcile(P resource, Context<P> context) throws MirrorSyncException {
    return engine.reconcile(resource);
  }

  @Override
  public ErrorStatusUpdateControl<P> updateErrorStatus(P resource, Context<P> context, Exception e) {
    return engine.updateErrorStatus(resource, e);
  }

  @Override
  public DeleteControl cleanup(P resource, Context<P> context) throws MirrorSyncException {
    return engine.cleanup(resource, context);
  }
}
