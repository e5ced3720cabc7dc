package dev.dpf.agent.host;

import dev.dpf.dpusim.SysfsTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpf.agent.Agent;
import dev.dpf.agent.AgentOptions;
import dev.dpf.agent.AgentRbac;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfigSpec;
import dev.dpf.api.operator.v1alpha1.Networking;
import dev.dpf.api.operator.v1alpha1.ProvisioningControllerConfiguration;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorNVConfig;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUStatus;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host mode of the agent, for real: the agent process runs against the real API server as a user holding only
 * its generated role; {@code ip} runs in a network namespace the test creates (veth pairs play the VF netdevs, a
 * bridge {@code br-dpu} with a TEST-NET address); sysfs is a temporary tree. The test plays the DPU controller
 * (phase, its own conditions, under another field manager) and the mlx5 driver (VF entries appear in sysfs after
 * {@code sriov_numvfs} is written).
 */
@KubeTest
class HostNetworkAgentTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String PCI_LABEL = "0000-4b-00";
  static final String CONTROLLER = "dpu-controller-test";

  KubeTestContext kube;
  KubernetesClient client;
  TestNetns netns;
  SysfsTree sysfs;
  AgentRbac rbac;
  Agent agent;
  AgentOptions options;
  String node;

  @BeforeEach
  void setUp(KubeTestContext kube) throws Exception {
    this.kube = kube;
    this.client = kube.client();
    this.netns = TestNetns.create();
    this.sysfs = new SysfsTree(Files.createTempDirectory("dpf-sysfs-"));
    sysfs.pf("0000:4b:00.0", "0xa2dc", "ens1f0np0", 0, 16);
    sysfs.pf("0000:4b:00.1", "0xa2dc", "ens1f1np1", 0, 16);
    this.node = "host-" + UUID.randomUUID().toString().substring(0, 6);
    this.rbac = AgentRbac.create(kube);
    this.options = AgentOptions.host(node)
        .withWatchNamespaces(java.util.Set.of(kube.namespace()))
        .withOperatorConfigNamespace(kube.namespace())
        .withSysfsRoot(sysfs.root())
        .withNetns(netns.name)
        .withResyncPeriod(Duration.ofSeconds(30))
        .withHealthBindAddress("127.0.0.1:0");
    this.agent = Agent.start(rbac.client(), options, new HostMode());
  }

  @AfterEach
  void tearDown() {
    if (agent != null) {
      agent.close();
    }
    if (rbac != null) {
      rbac.close();
    }
    if (netns != null) {
      netns.close();
    }
  }

  @Test
  void configuresVfsBridgeAndMtuAndReportsTheCondition() throws Exception {
    netns.bridge("br-dpu", "192.0.2.1/24");
    operatorConfig(9000);
    flavor("hbn", "NUM_OF_VFS=8");
    DPU dpu = dpu("worker-0000-4b-00", node, PCI_LABEL, "hbn");
    controllerStatus(dpu, DPUPhase.HOST_NETWORK_CONFIGURATION);

    // VFs are created on both DPU functions; the driver has not made the VF netdevs yet
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(sysfs.read("bus/pci/devices/0000:4b:00.0/sriov_numvfs")).isEqualTo("8");
      assertThat(sysfs.read("bus/pci/devices/0000:4b:00.1/sriov_numvfs")).isEqualTo("8");
      assertThat(condition(dpu.getMetadata().getName())).satisfies(c -> {
        assertThat(c.getStatus()).isEqualTo(Conditions.FALSE);
        assertThat(c.getReason()).isEqualTo(Conditions.REASON_ERROR);
        assertThat(c.getMessage()).contains("VF0 of ens1f0np0 (0000:4b:00.0) has no network interface yet");
      });
    });
    // the driver creates VF0's netdev: sysfs entry, and the link in the host's network namespace
    sysfs.vf("0000:4b:00.0", 0, "0000:4b:00.2", "ens1f0v0");
    netns.vf("ens1f0v0");

    await().atMost(WAIT).untilAsserted(() -> {
      Condition c = condition(dpu.getMetadata().getName());
      assertThat(c.getStatus()).isEqualTo(Conditions.TRUE);
      assertThat(c.getReason()).isEqualTo(DPU.CONDITION_HOST_NETWORK_CONFIGURED);
      assertThat(c.getMessage()).isEqualTo("VFs: ens1f0np0 (0000:4b:00.0) 8, ens1f1np1 (0000:4b:00.1) 8; "
          + "VF0 ens1f0v0 attached to bridge br-dpu, MTU 9000, up");
    });
    assertVf("ens1f0v0", "br-dpu", 9000);

    // the agent owns exactly its condition; the DPU controller's status stays as it wrote it
    DPU current = get(dpu.getMetadata().getName());
    assertThat(current.getStatus().getPhase()).isEqualTo(DPUPhase.HOST_NETWORK_CONFIGURATION);
    assertThat(current.getStatus().getConditions()).extracting(Condition::getType)
        .contains(DPU.CONDITION_HOST_NETWORK_READY, DPU.CONDITION_HOST_NETWORK_CONFIGURED);
    ManagedFieldsEntry mine = current.getMetadata().getManagedFields().stream()
        .filter(m -> HostNetworkReconciler.FIELD_MANAGER.equals(m.getManager())).findFirst().orElseThrow();
    assertThat(mine.getOperation()).isEqualTo("Apply");
    assertThat(mine.getSubresource()).isEqualTo("status");
    JsonNode owned = new ObjectMapper().valueToTree(mine.getFieldsV1().getAdditionalProperties());
    assertThat(fieldNames(owned)).containsExactly("f:status");
    assertThat(fieldNames(owned.get("f:status"))).as("no phase, no status.observedGeneration")
        .containsExactly("f:conditions");
    assertThat(fieldNames(owned.get("f:status").get("f:conditions")))
        .containsExactly("k:{\"type\":\"HostNetworkConfigured\"}");
    assertThat(events(dpu, "HostNetworkConfigured")).anyMatch(e -> "Normal".equals(e.getType()));
    assertThat(events(dpu, "HostNetworkConfigurationFailed")).anyMatch(e -> "Warning".equals(e.getType())
        && e.getMessage().contains("has no network interface yet"));

    // drift on the host is repaired (netlink monitor), not at the next periodic re-check
    netns.ip("link", "set", "dev", "ens1f0v0", "nomaster");
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertVf("ens1f0v0", "br-dpu", 9000));

    // a new MTU in the DPFOperatorConfig reaches the VF (informer on DPFOperatorConfig)
    client.resources(DPFOperatorConfig.class).withName("dpfoperatorconfig")
        .edit(c -> {
          c.getSpec().getNetworking().setHighSpeedMTU(1400);
          return c;
        });
    await().atMost(WAIT).untilAsserted(() -> {
      assertVf("ens1f0v0", "br-dpu", 1400);
      assertThat(condition(dpu.getMetadata().getName()).getMessage()).contains("MTU 1400");
    });

    // health endpoint
    HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + agent.healthPort() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);

    // deletion detaches VF0 from the bridge
    client.resources(DPU.class).withName(dpu.getMetadata().getName()).delete();
    await().atMost(WAIT).untilAsserted(() -> assertThat(link("ens1f0v0").has("master")).isFalse());
  }

  @Test
  void missingBridgeIsReportedThenRecovers() throws Exception {
    sysfs.vf("0000:4b:00.0", 0, "0000:4b:00.2", "ens1f0v0");
    netns.vf("ens1f0v0");
    operatorConfig(null);
    flavor("plain", null);
    DPU dpu = dpu("worker-0000-4b-00", node, PCI_LABEL, "plain");
    controllerStatus(dpu, DPUPhase.HOST_NETWORK_CONFIGURATION);

    await().atMost(WAIT).untilAsserted(() -> {
      Condition c = condition(dpu.getMetadata().getName());
      assertThat(c.getStatus()).isEqualTo(Conditions.FALSE);
      assertThat(c.getReason()).isEqualTo(Conditions.REASON_ERROR);
      assertThat(c.getMessage()).startsWith("bridge br-dpu does not exist in network namespace " + netns.name);
    });
    assertThat(sysfs.read("bus/pci/devices/0000:4b:00.0/sriov_numvfs")).as("default NUM_OF_VFS").isEqualTo("16");
    await().atMost(WAIT).untilAsserted(() -> assertThat(events(dpu, "HostNetworkConfigurationFailed"))
        .anyMatch(e -> "Warning".equals(e.getType()) && e.getMessage().startsWith("bridge br-dpu does not exist")));

    netns.bridge("br-dpu", null);
    await().atMost(WAIT).untilAsserted(() -> assertThat(condition(dpu.getMetadata().getName()).getMessage())
        .isEqualTo("bridge br-dpu has no IPv4 address in network namespace " + netns.name));

    netns.ip("addr", "add", "192.0.2.1/24", "dev", "br-dpu");
    await().atMost(WAIT).untilAsserted(() -> {
      Condition c = condition(dpu.getMetadata().getName());
      assertThat(c.getStatus()).isEqualTo(Conditions.TRUE);
      assertThat(c.getMessage()).contains("ens1f0np0 (0000:4b:00.0) 16", "MTU 1500");
    });
    assertVf("ens1f0v0", "br-dpu", 1500);
  }

  @Test
  void servesOnlyItsNodeAndActivePhasesAndReportsBadInput() throws Exception {
    assertThat(HostMode.nodeNameSelectable(rbac.client(), options))
        .as("the DPU CRD declares spec.nodeName selectable: the informer holds only this node's DPUs").isTrue();
    netns.bridge("br-dpu", "192.0.2.1/24");
    sysfs.vf("0000:4b:00.0", 0, "0000:4b:00.2", "ens1f0v0");
    netns.vf("ens1f0v0");
    operatorConfig(9000);
    DPU otherNode = dpu("other-0000-4b-00", "another-node", PCI_LABEL, "hbn");
    controllerStatus(otherNode, DPUPhase.HOST_NETWORK_CONFIGURATION);
    DPU installing = dpu("installing", node, "0000-99-00", "hbn");
    controllerStatus(installing, DPUPhase.OS_INSTALLING);
    DPU noFlavor = dpu("worker-0000-4b-00", node, PCI_LABEL, "hbn");
    controllerStatus(noFlavor, DPUPhase.HOST_NETWORK_CONFIGURATION);

    await().atMost(WAIT).untilAsserted(() -> assertThat(condition("worker-0000-4b-00").getMessage())
        .isEqualTo("DPUFlavor " + kube.namespace() + "/hbn not found"));
    // the flavor appears: the informer on DPUFlavors wakes the DPU
    flavor("hbn", "NUM_OF_VFS=4");
    await().atMost(WAIT).untilAsserted(() -> assertThat(condition("worker-0000-4b-00").getStatus())
        .isEqualTo(Conditions.TRUE));
    assertThat(sysfs.read("bus/pci/devices/0000:4b:00.0/sriov_numvfs")).isEqualTo("4");

    // a DPU outside Host Network Configuration is left alone until it gets there
    assertThat(conditionOrNull("installing")).isNull();
    controllerStatus(installing, DPUPhase.HOST_NETWORK_CONFIGURATION);
    await().atMost(WAIT).untilAsserted(() -> assertThat(condition("installing").getMessage())
        .startsWith("no such PCI device 0000:99:00.0 (" + sysfs.root()));

    // another node's DPU is never touched (its events were processed before the ones above)
    assertThat(conditionOrNull("other-0000-4b-00")).isNull();
  }

  @Test
  void withoutServerSideSelectionFiltersLocally() throws Exception {
    agent.close();
    agent = Agent.start(rbac.client(), options, new HostMode(false));
    netns.bridge("br-dpu", "192.0.2.1/24");
    sysfs.vf("0000:4b:00.0", 0, "0000:4b:00.2", "ens1f0v0");
    netns.vf("ens1f0v0");
    operatorConfig(1500);
    flavor("hbn", "NUM_OF_VFS=2");
    DPU otherNode = dpu("other-0000-4b-00", "another-node", PCI_LABEL, "hbn");
    controllerStatus(otherNode, DPUPhase.HOST_NETWORK_CONFIGURATION);
    DPU mine = dpu("worker-0000-4b-00", node, PCI_LABEL, "hbn");
    controllerStatus(mine, DPUPhase.READY);
    await().atMost(WAIT).untilAsserted(() -> assertThat(condition("worker-0000-4b-00").getStatus())
        .isEqualTo(Conditions.TRUE));
    assertVf("ens1f0v0", "br-dpu", 1500);
    assertThat(conditionOrNull("other-0000-4b-00")).isNull();
  }

  // ---- fixtures

  void operatorConfig(Integer highSpeedMtu) {
    DPFOperatorConfig config = new DPFOperatorConfig();
    config.setMetadata(new ObjectMetaBuilder().withName("dpfoperatorconfig").build());
    DPFOperatorConfigSpec spec = new DPFOperatorConfigSpec();
    ProvisioningControllerConfiguration provisioning = new ProvisioningControllerConfiguration();
    provisioning.setBfbPVCName("bfb-pvc");
    spec.setProvisioningController(provisioning);
    if (highSpeedMtu != null) {
      Networking networking = new Networking();
      networking.setHighSpeedMTU(highSpeedMtu);
      spec.setNetworking(networking);
    }
    config.setSpec(spec);
    client.resource(config).create();
  }

  void flavor(String name, String parameter) {
    DPUFlavor flavor = new DPUFlavor();
    flavor.setMetadata(new ObjectMetaBuilder().withName(name).build());
    DPUFlavorSpec spec = new DPUFlavorSpec();
    if (parameter != null) {
      DPUFlavorNVConfig nvconfig = new DPUFlavorNVConfig();
      nvconfig.setDevice("*");
      nvconfig.setParameters(List.of("PF_BAR2_ENABLE=0", parameter));
      spec.setNvconfig(List.of(nvconfig));
    }
    flavor.setSpec(spec);
    client.resource(flavor).create();
  }

  DPU dpu(String name, String nodeName, String pciLabel, String flavor) {
    DPU dpu = new DPU();
    dpu.setMetadata(new ObjectMetaBuilder().withName(name)
        .withLabels(Map.of(ProvisioningLabels.DPU_PCI_ADDRESS, pciLabel)).build());
    DPUSpec spec = new DPUSpec();
    spec.setNodeName(nodeName);
    spec.setBfb("bf-bundle");
    spec.setDpuFlavor(flavor);
    dpu.setSpec(spec);
    return client.resource(dpu).create();
  }

  /** What the DPU controller writes: the phase and its own condition, under its own field manager. */
  void controllerStatus(DPU dpu, DPUPhase phase) {
    DPU patch = new DPU();
    patch.setMetadata(new ObjectMetaBuilder().withName(dpu.getMetadata().getName())
        .withNamespace(kube.namespace()).build());
    DPUStatus status = new DPUStatus();
    status.setPhase(phase);
    status.setConditions(List.of(new ConditionBuilder().withType(DPU.CONDITION_HOST_NETWORK_READY)
        .withStatus(Conditions.FALSE).withReason(DPU.REASON_INITIALIZING).withMessage("")
        .withLastTransitionTime("2026-01-01T00:00:00Z").build()));
    patch.setStatus(status);
    client.resource(patch).subresource("status").patch(new PatchContext.Builder()
        .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(CONTROLLER).withForce(true).build(), patch);
  }

  DPU get(String name) {
    return client.resources(DPU.class).withName(name).get();
  }

  Condition condition(String name) {
    Condition c = conditionOrNull(name);
    assertThat(c).as("condition HostNetworkConfigured of DPU %s", name).isNotNull();
    return c;
  }

  Condition conditionOrNull(String name) {
    DPU dpu = get(name);
    if (dpu == null || dpu.getStatus() == null || dpu.getStatus().getConditions() == null) {
      return null;
    }
    return dpu.getStatus().getConditions().stream()
        .filter(c -> DPU.CONDITION_HOST_NETWORK_CONFIGURED.equals(c.getType())).findFirst().orElse(null);
  }

  List<Event> events(DPU dpu, String reason) {
    return client.v1().events().inNamespace(kube.namespace()).list().getItems().stream()
        .filter(e -> dpu.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  JsonNode link(String name) throws Exception {
    return new ObjectMapper().readTree(netns.link(name)).get(0);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  void assertVf(String name, String bridge, int mtu) throws Exception {
    JsonNode link = link(name);
    assertThat(link.path("master").asText()).isEqualTo(bridge);
    assertThat(link.path("mtu").asInt()).isEqualTo(mtu);
    assertThat(link.path("flags").toString()).contains("\"UP\"");
  }

}
