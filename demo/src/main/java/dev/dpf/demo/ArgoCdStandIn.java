package dev.dpf.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STAND-IN for Argo CD, which does not run in the demo: every Application the DPUService controller writes is
 * reported {@code Synced}/{@code Healthy} shortly after it appears or changes (nothing is deployed into the DPU
 * cluster), and the {@code resources-finalizer.argocd.argoproj.io} of a deleted Application is removed (the cascade
 * deletion is "done").
 */
final class ArgoCdStandIn implements AutoCloseable {

  static final String FINALIZER = "resources-finalizer.argocd.argoproj.io";
  static final String SYNCED = "Synced";
  static final String HEALTHY = "Healthy";

  private static final Logger LOG = LoggerFactory.getLogger(ArgoCdStandIn.class);

  private final KubernetesClient client;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "argocd-stand-in");
    t.setDaemon(true);
    return t;
  });
  private SharedIndexInformer<GenericKubernetesResource> applications;

  ArgoCdStandIn(KubernetesClient client) {
    this.client = client;
  }

  ArgoCdStandIn start(String namespace) {
    applications = client.genericKubernetesResources(ApiVersions.ARGOCD, "Application").inNamespace(namespace)
        .inform(new SchedulerStandIn.Handler<>(app -> later(app.getMetadata().getName(), 500)));
    return this;
  }

  /** Argo CD takes a moment to sync; work happens off the informer thread. */
  private void later(String name, long millis) {
    try {
      worker.schedule(() -> handle(name), millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }

  private void handle(String name) {
    GenericKubernetesResource app = applications.getStore().list().stream()
        .filter(a -> a.getMetadata().getName().equals(name)).findFirst().orElse(null);
    if (app == null) {
      return;
    }
    var resources = client.genericKubernetesResources(ApiVersions.ARGOCD, "Application")
        .inNamespace(app.getMetadata().getNamespace()).withName(name);
    try {
      if (app.getMetadata().getDeletionTimestamp() != null) {
        if (app.getMetadata().getFinalizers() != null && app.getMetadata().getFinalizers().contains(FINALIZER)) {
          resources.edit(a -> {
            List<String> finalizers = new ArrayList<>(a.getMetadata().getFinalizers());
            finalizers.remove(FINALIZER);
            a.getMetadata().setFinalizers(finalizers);
            return a;
          });
          LOG.atInfo().addKeyValue("application", name).log("cascade deletion done (Argo CD stand-in)");
        }
        return;
      }
      if (SYNCED.equals(nested(app, "sync")) && HEALTHY.equals(nested(app, "health"))) {
        return;
      }
      StatusWriter.apply(client, app, Map.of(
          "sync", Map.of("status", SYNCED),
          "health", Map.of("status", HEALTHY)), "argocd-application-controller");
      LOG.atInfo().addKeyValue("application", name).log("Synced/Healthy (Argo CD stand-in)");
    } catch (KubernetesClientException e) {
      LOG.atDebug().addKeyValue("application", name).addKeyValue("error", e.getMessage()).log("retrying");
      later(name, 2000);
    }
  }

  private static String nested(GenericKubernetesResource app, String field) {
    Object status = app.getAdditionalProperties().get("status");
    if (status instanceof Map<?, ?> s && s.get(field) instanceof Map<?, ?> f && f.get("status") != null) {
      return String.valueOf(f.get("status"));
    }
    return null;
  }

  @Override
  public void close() throws InterruptedException {
    if (applications != null) {
      applications.close();
    }
    worker.shutdownNow();
    worker.awaitTermination(5, TimeUnit.SECONDS);
  }
}
