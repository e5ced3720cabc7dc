package dev.dpf.dpuservice.dpuservice;

import dev.dpf.dpuservice.argocd.Applications;
import dev.dpf.dpuservice.argocd.ArgoCd;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code ApplicationsReady} (reference 10.8): True when every Application of the DPUService is {@code Synced} and
 * {@code Healthy} and their number is the expected one (one per target cluster, one for {@code deployInCluster}).
 * Pure.
 */
public final class ApplicationsReadiness {

  /** The outcome: ready, or not with the message of the condition (empty when only the count differs). */
  public record Result(boolean ready, String message) {}

  private ApplicationsReadiness() {}

  public static Result evaluate(List<GenericKubernetesResource> applications, int expected) {
    List<GenericKubernetesResource> sorted = new ArrayList<>(applications);
    sorted.sort(Comparator.comparing(a -> a.getMetadata().getName()));
    List<String> messages = new ArrayList<>();
    for (GenericKubernetesResource app : sorted) {
      String sync = Applications.syncStatus(app);
      String health = Applications.healthStatus(app);
      if (ArgoCd.SYNCED.equals(sync) && ArgoCd.HEALTHY.equals(health)) {
        continue;
      }
      if (sync.isEmpty() && health.isEmpty()) {
        messages.add("Application is not yet deployed.");
      } else {
        messages.add("Application is not ready (Sync: " + sync + ", Health: " + health + "). Run 'kubectl describe "
            + "application " + app.getMetadata().getName() + " -n " + app.getMetadata().getNamespace()
            + "' for details.");
      }
    }
    boolean ready = messages.isEmpty() && applications.size() == expected;
    return new Result(ready, String.join(", ", messages));
  }
}
