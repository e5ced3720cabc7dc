package dev.dpf.operator.config;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfigStatus;
import dev.dpf.common.status.Statuses;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last status this controller wrote, per object, with the resourceVersion it was computed from. JOSDK 5.2 (with
 * its default {@code parseResourceVersions=false}) drops the freshly patched primary from its temporary cache on the
 * next informer event, even an older one, so a reconcile can see the object as it was before our own status patch.
 * Computing from that would move {@code lastTransitionTime}s and repeat transition events; instead, when the cached
 * object is not newer than the one our last write was based on, the written status is the base.
 */
final class WrittenStatuses {

  private record Written(long baseVersion, DPFOperatorConfigStatus status) {}

  private final Map<String, Written> written = new ConcurrentHashMap<>();

  /** The status to start from: the cached one, or what we wrote when the cache is behind our write. */
  DPFOperatorConfigStatus base(DPFOperatorConfig config) {
    Written w = written.get(config.getMetadata().getUid());
    Long version = version(config);
    if (w != null && version != null && version <= w.baseVersion()) {
      return w.status();
    }
    return config.getStatus();
  }

  /** Records a status written for {@code config} (as read by this reconcile). */
  void wrote(DPFOperatorConfig config, DPFOperatorConfigStatus status) {
    Long version = version(config);
    if (version != null) {
      written.put(config.getMetadata().getUid(), new Written(version, Statuses.copy(status)));
    }
  }

  void forget(DPFOperatorConfig config) {
    written.remove(config.getMetadata().getUid());
  }

  private static Long version(DPFOperatorConfig config) {
    try {
      return Long.parseLong(config.getMetadata().getResourceVersion());
    } catch (NumberFormatException | NullPointerException e) {
      return null;
    }
  }
}
