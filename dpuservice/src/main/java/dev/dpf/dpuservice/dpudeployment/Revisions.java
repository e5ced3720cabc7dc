package dev.dpf.dpuservice.dpudeployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Revision planning for one generated object family (a service's DPUServices, or the chain's DPUServiceChains),
 * reference dpuservice.md 12.10.3 and 12.10.7. Pure.
 *
 * <ul>
 *   <li>A revision whose version annotation equals the current digest is <em>current</em>; it is updated in place.
 *   <li>No current revision and none at all: a new revision is created.</li>
 *   <li>No current revision, non-disruptive change: the newest existing revision is updated in place and becomes
 *       current (its name, hence its node selector and node label value, is kept).</li>
 *   <li>No current revision, disruptive change: a new revision is created; the existing ones become <em>old</em>.</li>
 *   <li>Old revisions are capped: at most {@code revisionHistoryLimit − 1} of them (newest first) are kept, the rest
 *       are deleted at once. Kept old revisions are retired (deleted) once the rollout of the current one is done.</li>
 * </ul>
 */
public final class Revisions {

  /** What to do for one family. */
  public record Plan<T extends HasMetadata>(String name, boolean create, T current, List<T> old, List<T> prune) {
    /** Whether a rollout is in progress (old revisions still exist). */
    public boolean upgrading() {
      return !old.isEmpty();
    }
  }

  private Revisions() {}

  /**
   * @param existing every revision of the family (any order)
   * @param annotation the version annotation key
   * @param digest the version digest of the desired state
   * @param disruptive whether a change makes a new revision ({@code applyNodeEffect})
   * @param limit {@code revisionHistoryLimit} (≥ 1)
   * @param newName generator of new revision names
   */
  public static <T extends HasMetadata> Plan<T> plan(List<T> existing, String annotation, String digest,
      boolean disruptive, int limit, Supplier<String> newName) {
    List<T> sorted = new ArrayList<>(existing);
    sorted.sort(newestFirst());
    T current = sorted.stream().filter(o -> digest.equals(annotation(o, annotation))).findFirst().orElse(null);
    List<T> old = new ArrayList<>(sorted);
    String name;
    boolean create = false;
    if (current != null) {
      old.remove(current);
      name = current.getMetadata().getName();
    } else if (sorted.isEmpty() || disruptive) {
      name = newName.get();
      create = true;
    } else {
      current = sorted.get(0);
      old.remove(current);
      name = current.getMetadata().getName();
    }
    int keep = Math.max(0, Math.max(1, limit) - 1);
    List<T> prune = new ArrayList<>();
    if (old.size() > keep) {
      prune.addAll(old.subList(keep, old.size()));
      old = new ArrayList<>(old.subList(0, keep));
    }
    return new Plan<>(name, create, current, old, prune);
  }

  static <T extends HasMetadata> Comparator<T> newestFirst() {
    Comparator<T> byTime = Comparator.comparing(o -> o.getMetadata().getCreationTimestamp() == null
        ? "" : o.getMetadata().getCreationTimestamp());
    return byTime.reversed().thenComparing(o -> o.getMetadata().getName());
  }

  static String annotation(HasMetadata o, String key) {
    Map<String, String> a = o.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }
}
