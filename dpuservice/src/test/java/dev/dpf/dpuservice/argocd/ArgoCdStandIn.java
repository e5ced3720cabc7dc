package dev.dpf.dpuservice.argocd;

import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plays Argo CD in tests. Argo CD does not run in the test control plane (its Application CRD is a stand-in); this
 * helper writes what Argo CD would write: the sync and health status of an Application, and the removal of the
 * {@code resources-finalizer.argocd.argoproj.io} finalizer once the cascade deletion of a deleted Application is
 * "done".
 */
public final class ArgoCdStandIn {

  private final KubernetesClient client;
  private final String namespace;

  public ArgoCdStandIn(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public List<GenericKubernetesResource> applications() {
    return client.genericKubernetesResources(ArgoCd.API_VERSION, ArgoCd.APPLICATION).inNamespace(namespace).list()
        .getItems();
  }

  public GenericKubernetesResource application(String name) {
    return client.genericKubernetesResources(ArgoCd.API_VERSION, ArgoCd.APPLICATION).inNamespace(namespace)
        .withName(name).get();
  }

  /** Writes {@code status.sync.status} and {@code status.health.status} as Argo CD reports them. */
  public void report(String application, String sync, String health) {
    retryOnConflict(() -> client.genericKubernetesResources(ArgoCd.API_VERSION, ArgoCd.APPLICATION)
        .inNamespace(namespace).withName(application).editStatus(app -> {
          app.setAdditionalProperty("status", Map.of(
              "sync", Map.of("status", sync),
              "health", Map.of("status", health)));
          return app;
        }));
  }

  /** Reports every Application as Synced and Healthy. */
  public void allSyncedAndHealthy() {
    applications().forEach(a -> report(a.getMetadata().getName(), ArgoCd.SYNCED, ArgoCd.HEALTHY));
  }

  /** Completes the cascade deletion of every deleted Application: removes Argo CD's finalizer. */
  public List<String> finishDeletions() {
    List<String> done = new ArrayList<>();
    for (GenericKubernetesResource app : applications()) {
      if (app.getMetadata().getDeletionTimestamp() != null) {
        retryOnConflict(() -> client.genericKubernetesResources(ArgoCd.API_VERSION, ArgoCd.APPLICATION)
            .inNamespace(namespace).withName(app.getMetadata().getName()).edit(a -> {
              a.getMetadata().getFinalizers().remove(ServiceLabels.ARGOCD_RESOURCES_FINALIZER);
              return a;
            }));
        done.add(app.getMetadata().getName());
      }
    }
    return done;
  }

  /** Argo CD, like any client, re-reads and retries when the object changed under it (409). */
  private static void retryOnConflict(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }
}
