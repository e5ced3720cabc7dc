package dev.dpf.dpuservice.dpudeployment;

import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.BFBPhase;
import dev.dpf.api.provisioning.v1alpha1.BFBStatus;
import dev.dpf.api.provisioning.v1alpha1.BFBVersions;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplate;
import dev.dpf.common.runtime.OperatorContext;
import dev.dpf.dpuservice.template.ChartFetcher;
import dev.dpf.dpuservice.template.DpuServiceConfigurationReconciler;
import dev.dpf.dpuservice.template.DpuServiceTemplateReconciler;
import dev.dpf.dpuservice.template.RepositoryCredentials;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Example manifests and stand-ins for the DPUDeployment tests. */
final class DeploymentFixtures {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private DeploymentFixtures() {}

  /** An example manifest (test resources, copied verbatim from the reference) moved to {@code namespace}. */
  static <T extends HasMetadata> T example(String file, Class<T> type, String namespace) {
    try (InputStream in = DeploymentFixtures.class.getResourceAsStream("/examples/" + file)) {
      T obj = SERIALIZATION.unmarshal(in, type);
      obj.getMetadata().setNamespace(namespace);
      return obj;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The controllers under test. The chart fetcher is a stand-in for the NGC Helm repository (no network in tests):
   * every chart carries the annotation {@code dpu.nvidia.com/doca-version: ">= 2.9"}. The HTTP fetcher itself is
   * tested against a local repository in the template tests.
   */
  static void register(OperatorContext ctx) {
    ChartFetcher fetcher = (source, credentials) -> Map.of(DPUServiceTemplate.VERSION_DOCA, ">= 2.9");
    ExecutorService pulls = Executors.newFixedThreadPool(2);
    ctx.onStop(pulls::shutdownNow);
    ctx.register(new DpuDeploymentReconciler(ctx.client(), ctx.conditions(), ctx.events("dpudeployment-controller"),
        new Random(42)));
    ctx.register(new DpuServiceTemplateReconciler(fetcher,
        new RepositoryCredentials(ctx.client(), ctx.settings().operatorNamespace()), ctx.conditions(),
        ctx.events("dpuservicetemplate-controller"), pulls));
    ctx.register(new DpuServiceConfigurationReconciler(ctx.conditions()));
  }

  /** A BFB as the BFB controller leaves it: phase Ready with the versions of a DOCA 2.9.1 bundle. */
  static BFB readyBfb(KubernetesClient client, String namespace) {
    BFB bfb = client.resource(example("03-bfb-bf-bundle.yaml", BFB.class, namespace)).create();
    BFBStatus status = new BFBStatus();
    status.setPhase(BFBPhase.READY);
    BFBVersions versions = new BFBVersions();
    versions.setBsp("4.9.1");
    versions.setDoca("2.9.1");
    versions.setUefi("4.9.1");
    versions.setAtf("4.9.1");
    status.setVersions(versions);
    bfb.setStatus(status);
    return client.resource(bfb).updateStatus();
  }

  /** Writes {@code Ready=True} for the object's current generation, as its own controller would (stand-in). */
  static void markReady(KubernetesClient client, HasMetadata obj) {
    HasMetadata fresh = client.resource(obj).get();
    long gen = fresh.getMetadata().getGeneration();
    String body = "{\"status\":{\"observedGeneration\":" + gen + ",\"conditions\":[{\"type\":\"Ready\","
        + "\"status\":\"True\",\"reason\":\"Success\",\"message\":\"\",\"observedGeneration\":" + gen
        + ",\"lastTransitionTime\":\"" + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}]}}";
    client.resources(fresh.getClass()).inNamespace(fresh.getMetadata().getNamespace())
        .withName(fresh.getMetadata().getName()).subresource("status")
        .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), body);
  }
}
