package dev.dpf.provisioning.dpucluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfigSpec;
import dev.dpf.api.operator.v1alpha1.ImageComponentConfiguration;
import dev.dpf.api.provisioning.v1alpha1.ClusterEndpointSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterSpec;
import dev.dpf.api.provisioning.v1alpha1.KeepalivedSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pure parts of the cluster managers: keepalived rendering and manager enablement. */
class KamajiObjectsTest {

  @TempDir
  Path dir;

  @Test
  void initContainerScriptRendersKeepalivedConfWithPriorityFromTheNodeIp() throws Exception {
    DPUCluster cluster = cluster();
    Path template = dir.resolve("conf-template");
    Path conf = dir.resolve("conf");
    Files.createDirectories(template);
    Files.createDirectories(conf);
    Files.writeString(template.resolve("keepalived.conf.tmpl"),
        KamajiObjects.keepalivedConfigMap(cluster).getData().get(KamajiObjects.KEEPALIVED_CONF_KEY));
    DaemonSet ds = KamajiObjects.keepalivedDaemonSet(cluster, 31467);
    var init = ds.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    String script = init.getCommand().get(2).replace("/conf-template/", template + "/").replace("/conf/", conf + "/");
    ProcessBuilder sh = new ProcessBuilder(init.getCommand().get(0), "-c", script).redirectErrorStream(true);
    init.getEnv().forEach(e -> sh.environment().put(e.getName(), e.getValue() == null ? "" : e.getValue()));
    sh.environment().put("NODE_IP", "10.0.110.21");
    Process p = sh.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    String rendered = Files.readString(conf.resolve("keepalived.conf"));
    assertThat(rendered)
        .contains("script \"/usr/bin/curl -k https://10.0.110.21:31467\"")
        .contains("interface br-dpu")
        .contains("virtual_router_id 126")
        .contains("priority 21")
        .contains("        10.0.110.254\n")
        .contains("state BACKUP")
        .doesNotContain("NODE_IP").doesNotContain("VIRTUAL_IP").doesNotContain("PRIORITY");
  }

  @Test
  void configHashFollowsTheKeepalivedSpec() {
    DPUCluster cluster = cluster();
    String hash = KamajiObjects.configHash(KamajiObjects.keepalivedConfigMap(cluster),
        KamajiObjects.keepalivedDaemonSet(cluster, 31467));
    assertThat(KamajiObjects.configHash(KamajiObjects.keepalivedConfigMap(cluster),
        KamajiObjects.keepalivedDaemonSet(cluster, 31467))).isEqualTo(hash);
    cluster.getSpec().getClusterEndpoint().getKeepalived().setVip("10.0.110.253");
    assertThat(KamajiObjects.configHash(KamajiObjects.keepalivedConfigMap(cluster),
        KamajiObjects.keepalivedDaemonSet(cluster, 31467))).isNotEqualTo(hash);
  }

  @Test
  void managerEnablementFromDpfOperatorConfig() {
    assertThat(ClusterManagers.staticManager(Optional.empty(), "dpf").enabled()).as("static off by default").isFalse();
    assertThat(ClusterManagers.kamajiManager(Optional.empty(), "dpf").enabled()).as("Kamaji on by default").isTrue();
    assertThat(ClusterManagers.staticManager(config(null, null), "dpf").enabled()).isFalse();
    assertThat(ClusterManagers.kamajiManager(config(null, null), "dpf").enabled()).isTrue();
    assertThat(ClusterManagers.staticManager(config(component(null), null), "dpf").enabled()).isTrue();
    assertThat(ClusterManagers.staticManager(config(component(false), null), "dpf").enabled()).isTrue();
    assertThat(ClusterManagers.staticManager(config(component(true), null), "dpf").enabled()).isFalse();
    assertThat(ClusterManagers.kamajiManager(config(null, component(null)), "dpf").enabled()).isTrue();
    ClusterManagers.Enablement off = ClusterManagers.kamajiManager(config(null, component(true)), "dpf");
    assertThat(off.enabled()).isFalse();
    assertThat(off.disabledMessage()).isEqualTo("the Kamaji cluster manager is disabled by "
        + "spec.kamajiClusterManager.disable in DPFOperatorConfig dpf/dpfoperatorconfig");
    assertThat(ClusterManagers.staticManager(Optional.empty(), "dpf").disabledMessage())
        .isEqualTo("the static cluster manager is disabled: set spec.staticClusterManager: {} in a "
            + "DPFOperatorConfig in namespace dpf to enable it");
  }

  @Test
  void backoffDoublesUpToTheCap() {
    java.time.Duration base = java.time.Duration.ofSeconds(5);
    java.time.Duration cap = java.time.Duration.ofSeconds(60);
    assertThat(ClusterChecks.backoff(1, base, cap)).hasSeconds(5);
    assertThat(ClusterChecks.backoff(2, base, cap)).hasSeconds(10);
    assertThat(ClusterChecks.backoff(4, base, cap)).hasSeconds(40);
    assertThat(ClusterChecks.backoff(5, base, cap)).hasSeconds(60);
    assertThat(ClusterChecks.backoff(500, base, cap)).hasSeconds(60);
  }

  static Optional<DPFOperatorConfig> config(ImageComponentConfiguration staticManager,
      ImageComponentConfiguration kamajiManager) {
    DPFOperatorConfig config = new DPFOperatorConfig();
    config.getMetadata().setName("dpfoperatorconfig");
    DPFOperatorConfigSpec spec = new DPFOperatorConfigSpec();
    spec.setStaticClusterManager(staticManager);
    spec.setKamajiClusterManager(kamajiManager);
    config.setSpec(spec);
    return Optional.of(config);
  }

  static ImageComponentConfiguration component(Boolean disable) {
    ImageComponentConfiguration c = new ImageComponentConfiguration();
    c.setDisable(disable);
    return c;
  }

  static DPUCluster cluster() {
    DPUCluster cluster = new DPUCluster();
    cluster.getMetadata().setName("tenant1");
    cluster.getMetadata().setNamespace("dpf");
    cluster.getMetadata().setUid("uid-1");
    DPUClusterSpec spec = new DPUClusterSpec();
    spec.setType("kamaji");
    spec.setVersion("v1.30.2");
    KeepalivedSpec keepalived = new KeepalivedSpec();
    keepalived.setInterfaceName("br-dpu");
    keepalived.setVip("10.0.110.254");
    keepalived.setVirtualRouterID(126);
    ClusterEndpointSpec endpoint = new ClusterEndpointSpec();
    endpoint.setKeepalived(keepalived);
    spec.setClusterEndpoint(endpoint);
    cluster.setSpec(spec);
    return cluster;
  }
}
