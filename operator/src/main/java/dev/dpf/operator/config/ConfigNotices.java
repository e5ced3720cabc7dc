package dev.dpf.operator.config;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.runtime.DpfRuntimeConfig;
import dev.dpf.common.runtime.RuntimeSettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishing the run-time settings and the events that tell users what a configuration change did: a component
 * switched on or off ({@code ComponentEnabled}/{@code ComponentDisabled}), and fields that have no effect here
 * ({@code IgnoredFields}, once per generation).
 */
final class ConfigNotices {

  private final EventRecorder events;
  private final RuntimeSettings settings;
  private final Map<String, Long> ignoredReported = new ConcurrentHashMap<>();

  ConfigNotices(EventRecorder events, RuntimeSettings settings) {
    this.events = events;
    this.settings = settings;
  }

  /** Publishes the snapshot and records an event for each component switched on or off. */
  void publish(DPFOperatorConfig config, DpfRuntimeConfig next) {
    DpfRuntimeConfig previous = settings.current();
    if (!settings.publish(next) || !previous.known()) {
      return;
    }
    for (String component : OperatorLabels.COMPONENTS) {
      boolean was = previous.enabled(component);
      boolean is = next.enabled(component);
      if (was != is) {
        String where = ComponentManifests.IN_PROCESS.contains(component) ? " (in the operator process)" : "";
        events.normal(config, is ? OperatorConfigReconciler.EVENT_COMPONENT_ENABLED
            : OperatorConfigReconciler.EVENT_COMPONENT_DISABLED, component + (is ? " enabled" : " disabled") + where);
      }
    }
  }

  /** A Warning event listing the set fields that have no effect, once per generation. */
  void reportIgnoredFields(DPFOperatorConfig config) {
    Long generation = config.getMetadata().getGeneration();
    if (Objects.equals(ignoredReported.put(config.getMetadata().getUid(), generation), generation)) {
      return;
    }
    List<String> ignored = ComponentManifests.ignoredFields(config.getSpec());
    if (!ignored.isEmpty()) {
      events.warning(config, OperatorConfigReconciler.EVENT_IGNORED_FIELDS, String.join("; ", ignored));
    }
  }
}
