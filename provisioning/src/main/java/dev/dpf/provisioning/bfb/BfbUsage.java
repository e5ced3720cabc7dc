package dev.dpf.provisioning.bfb;

import dev.dpf.api.provisioning.v1alpha1.BFB;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/** Which DPUs still use a BFB; deleting the BFB waits until none does. */
public interface BfbUsage {

  /** Names of the DPUs (not being deleted) in the BFB's namespace whose {@code spec.bfb} is this BFB. */
  List<String> dpusUsing(BFB bfb, Context<BFB> context);

  /** Event sources that wake the BFB reconciler when its users change. */
  List<EventSource<?, BFB>> eventSources(EventSourceContext<BFB> context);
}
