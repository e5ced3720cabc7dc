package dev.dpf.dpuservice.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.ApplicationSource;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplate;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplateSpec;
import dev.dpf.api.svc.v1alpha1.HelmChart;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chart pulls from a local HTTPS Helm repository and OCI registry, and the template/configuration status. */
@KubeTest
class DpuServiceTemplateReconcilerTest {

  ChartRepoServer repo;
  ControllerHarness harness;
  KubernetesClient client;
  ExecutorService pulls = Executors.newFixedThreadPool(2);

  @BeforeEach
  void start(KubeTestContext kube) throws Exception {
    repo = new ChartRepoServer("annotations:\n  dpu.nvidia.com/doca-version: \">= 2.9\"\n  other: x\n");
    client = kube.client();
    HttpChartFetcher fetcher = new HttpChartFetcher(repo.clientSsl());
    harness = ControllerHarness.start(kube, ctx -> {
      ctx.register(new DpuServiceTemplateReconciler(fetcher, new RepositoryCredentials(ctx.client(),
          ctx.settings().operatorNamespace()), ctx.conditions(), ctx.events("template-test"), pulls));
      ctx.register(new DpuServiceConfigurationReconciler(ctx.conditions()));
    });
  }

  @AfterEach
  void stop() {
    harness.close();
    repo.close();
    pulls.shutdownNow();
  }

  @Test
  void httpsRepositoryVersionsAndWrongVersionError() {
    create("hbn", "https://" + repo.host() + "/charts", "1.0.1");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      DPUServiceTemplate t = client.resources(DPUServiceTemplate.class).withName("hbn").get();
      assertThat(StatusConditions.isTrue(t.getStatus(), Conditions.READY)).isTrue();
      assertThat(t.getStatus().getVersions()).isEqualTo(Map.of("dpu.nvidia.com/doca-version", ">= 2.9"));
      assertThat(t.getMetadata().getFinalizers()).contains(DPUServiceTemplate.FINALIZER);
    });
    create("missing", "https://" + repo.host() + "/charts", "9.9.9");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      DPUServiceTemplate t = client.resources(DPUServiceTemplate.class).withName("missing").get();
      var c = StatusConditions.find(t.getStatus(), DPUServiceTemplate.CONDITION_DPUSERVICE_TEMPLATE_RECONCILED)
          .orElseThrow(AssertionError::new);
      assertThat(c.getReason()).isEqualTo(Conditions.REASON_ERROR);
      assertThat(c.getMessage()).contains("version 9.9.9 not found");
    });
  }

  @Test
  void ociRegistryWithCredentialsFromARepositorySecret() throws Exception {
    String ns = client.getNamespace();
    client.resource(new SecretBuilder().withNewMetadata().withName("repo").withNamespace(ns)
        .addToLabels(ServiceLabels.ARGOCD_SECRET_TYPE, ServiceLabels.ARGOCD_SECRET_TYPE_REPOSITORY).endMetadata()
        .addToStringData("type", "helm").addToStringData("url", repo.host() + "/charts")
        .addToStringData("username", "user").addToStringData("password", "s3cret").build()).create();
    create("oci", "oci://" + repo.host() + "/charts", "1.0.1");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      DPUServiceTemplate t = client.resources(DPUServiceTemplate.class).withName("oci").get();
      assertThat(t.getStatus().getVersions()).containsEntry("dpu.nvidia.com/doca-version", ">= 2.9");
    });
    // without credentials the registry refuses, and the message carries no secret
    HttpChartFetcher fetcher = new HttpChartFetcher(repo.clientSsl());
    ApplicationSource source = new ApplicationSource("oci://" + repo.host() + "/charts", "doca-hbn", "1.0.1");
    assertThatThrownBy(() -> fetcher.annotations(source, ChartFetcher.Credentials.ANONYMOUS))
        .hasMessageContaining("status: 401").hasMessageNotContaining("s3cret");
  }

  @Test
  void configurationValidity() {
    DPUServiceConfiguration bad = dev.dpf.dpuservice.dpudeployment.DeploymentFixturesAccess.example(
        "06-dpuserviceconfiguration-hbn.yaml", DPUServiceConfiguration.class, client.getNamespace());
    bad.getSpec().getInterfaces().get(1).setName("p0-if"); // same object name as p0_if
    client.resource(bad).create();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      DPUServiceConfiguration c = client.resources(DPUServiceConfiguration.class).withName("hbn").get();
      var valid = StatusConditions.find(c.getStatus(), DpuServiceConfigurationReconciler.CONDITION_VALID)
          .orElseThrow(AssertionError::new);
      assertThat(valid.getStatus()).isEqualTo("False");
      assertThat(valid.getMessage()).contains("gives the same DPUServiceInterface name");
      assertThat(StatusConditions.find(c.getStatus(), Conditions.READY).orElseThrow().getReason())
          .isEqualTo(Conditions.REASON_FAILURE);
      assertThat(StatusConditions.find(c.getStatus(), DpuServiceConfigurationReconciler.CONDITION_CONSUMED)
          .orElseThrow().getMessage()).isEqualTo("Not consumed by any DPUDeployment");
    });
  }

  void create(String name, String repoUrl, String version) {
    DPUServiceTemplate t = new DPUServiceTemplate();
    t.getMetadata().setName(name);
    DPUServiceTemplateSpec spec = new DPUServiceTemplateSpec();
    spec.setDeploymentServiceName("hbn");
    spec.setHelmChart(new HelmChart(new ApplicationSource(repoUrl, "doca-hbn", version), null));
    t.setSpec(spec);
    client.resource(t).create();
  }
}
