package dev.dpf.provisioning.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorNVConfig;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUInstallStep;
import dev.dpf.api.provisioning.v1alpha1.DPUInstallation;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.dpusim.DmsSimulator;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One DPU through every phase against the real API servers and the DMS simulator: conditions, the objects of
 * reference 8.1-8.3 as created, the installation record, status ownership next to the host network agent.
 */
@KubeTest
class DpuLifecycleTest {

  static final String BFB_FILE = "bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb";

  DpuTestbed bed;

  @BeforeEach
  void setUp(KubeTestContext kube) {
    bed = new DpuTestbed(kube);
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  @Test
  void provisionsOneDpuThroughEveryPhase() throws Exception {
    String host = bed.host(1);
    int size = 3 * 1024 * 1024 + 17;
    String sha = bed.bfb("bfb", BFB_FILE, size);
    flavorWithVfs();
    String name = DpuTestbed.dpuName(host);
    Files.writeString(bed.bfbDir.resolve(name + ".cfg"), "stale bf.cfg of an earlier installation");
    bed.start();
    bed.dpu(host, "bfb", d -> {});
    DPU ready = bed.awaitPhase(name, DPUPhase.READY);

    // flashed once with the file's bytes and a bf.cfg naming the DPU
    DmsSimulator dms = bed.fleet.dpu(name).dms();
    assertThat(dms.stats().activations()).isEqualTo(1);
    assertThat(dms.images().get(BFB_FILE).sha256()).isEqualTo(sha);
    assertThat(dms.mode()).contains("DPU");
    assertThat(Files.exists(bed.bfbDir.resolve(name + ".cfg"))).as("stale bf.cfg removed").isFalse();

    // conditions (reference 7.4)
    assertCondition(ready, DPU.CONDITION_INITIALIZED, "True", "Initialized", "");
    assertCondition(ready, DPU.CONDITION_NODE_EFFECT_READY, "True", "NodeEffectReady", "");
    assertCondition(ready, DPU.CONDITION_BFB_READY, "True", "BFBReady", "");
    assertCondition(ready, DPU.CONDITION_DMS_RUNNING, "True", "DMSRunning", "");
    assertCondition(ready, DPU.CONDITION_OS_INSTALLED, "True", "OSInstalled", "DPU is rebooting");
    assertCondition(ready, DPU.CONDITION_HOST_NETWORK_READY, "True", "HostNetworkReady",
        "waiting for dpu joining cluster");
    await().atMost(DpuTestbed.WAIT).untilAsserted(() ->
        assertCondition(bed.get(name), DPU.CONDITION_READY, "True", "DPUNodeReady", ""));
    assertThat(DpuTestbed.cond(ready, DPU.CONDITION_REBOOTED).getStatus()).isEqualTo("True");
    assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());

    // the installation record
    DPUInstallation inst = ready.getStatus().getInstallation();
    assertThat(inst.getStep()).isEqualTo(DPUInstallStep.INSTALLED);
    assertThat(inst.getAttempt()).isEqualTo(1);
    assertThat(inst.getBfbVersion()).isEqualTo(BFB_FILE);
    assertThat(inst.getBfCFGVersion()).isEqualTo(name + ".cfg");
    assertThat(inst.getBfbTransferred()).isTrue();
    assertThat(inst.getBfCFGTransferred()).isTrue();
    assertThat(inst.getActivated()).isTrue();
    assertThat(inst.getTotalBytes()).isEqualTo(size);
    assertThat(inst.getActivationRequestedAt()).isNotNull();
    assertThat(inst.getInstalledAt()).isNotNull();

    // metrics: one successful installation of the file's bytes, the DPU entered Ready once
    var meters = bed.meters();
    assertThat(meters.get("dpf_dpu_installations").tag("result", "success").counter().count()).isEqualTo(1.0);
    assertThat(meters.get("dpf_dpu_installations").tag("result", "retry").counter().count()).isZero();
    assertThat(meters.get("dpf_dpu_installed_bytes").counter().count()).isEqualTo((double) size);
    assertThat(meters.get("dpf_dpu_phase_transitions").tag("phase", "OS Installing").counter().count())
        .isEqualTo(1.0);
    assertThat(meters.get("dpf_dpu_provisioning").timer().count()).isEqualTo(1L);
    assertThat(ready.getSpec().getCluster().getNodeLabels()).containsEntry(ProvisioningLabels.DOCA_BFB_VERSION,
        "bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod").containsEntry(ProvisioningLabels.HOST, host);

    // node effect released, DPU-cluster Node labelled
    await().atMost(DpuTestbed.WAIT).untilAsserted(() ->
        assertThat(bed.node(host).getSpec().getTaints()).noneMatch(t -> "dpu".equals(t.getKey())));
    Node dpuNode = bed.dpuClient.nodes().withName(name).get();
    assertThat(dpuNode.getMetadata().getLabels()).containsEntry(ProvisioningLabels.HOST, host);

    // the host network agent owns its condition; the DPU controller never writes it
    ManagedFieldsEntry mine = bed.get(name).getMetadata().getManagedFields().stream()
        .filter(m -> DpuReconciler.FIELD_MANAGER.equals(m.getManager()) && "status".equals(m.getSubresource()))
        .findFirst().orElseThrow();
    JsonNode owned = new ObjectMapper().valueToTree(mine.getFieldsV1().getAdditionalProperties());
    assertThat(owned.path("f:status").path("f:conditions").has("k:{\"type\":\"HostNetworkConfigured\"}")).isFalse();
    assertThat(owned.path("f:status").path("f:conditions").has("k:{\"type\":\"Ready\"}")).isTrue();

    assertDmsObjects(name, host);
    assertHostNetworkPod(name, host);
    assertThat(bed.events(name, DPU.CONDITION_OS_INSTALLED)).isNotEmpty();
    assertThat(bed.events(name, "HostRebootIssued")).isNotEmpty();
  }

  void assertDmsObjects(String name, String host) {
    GenericKubernetesResource cert = bed.client.genericKubernetesResources(DpuObjects.CERT_MANAGER_API_VERSION,
        DpuObjects.CERTIFICATE_KIND).withName(name + "-dms-server-cert").get();
    assertThat(cert.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getController()).isTrue());
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) cert.getAdditionalProperties().get("spec");
    assertThat(spec).containsEntry("secretName", name + "-server-secret")
        .containsEntry("commonName", name + "-dms-server-cert")
        .containsEntry("ipAddresses", List.of("10.0.110.11"))
        .containsEntry("usages", List.of("server auth"))
        .containsEntry("duration", "24h").containsEntry("renewBefore", "8h")
        .containsEntry("issuerRef", Map.of("name", "dpf-provisioning-issuer", "kind", "Issuer"));

    Pod pod = bed.client.pods().withName(name + "-dms").get();
    assertThat(pod.getMetadata().getLabels()).containsEntry(ProvisioningLabels.COMPONENT, "dms");
    assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo(name));
    assertThat(pod.getSpec().getHostNetwork()).isTrue();
    assertThat(pod.getSpec().getNodeName()).isNull();
    assertThat(pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms().get(0).getMatchFields().get(0).getValues()).containsExactly(host);
    assertThat(pod.getSpec().getTolerations()).anyMatch(t -> "dpu".equals(t.getKey()) && "Equal".equals(
        t.getOperator()) && "provisioning".equals(t.getValue()) && "NoSchedule".equals(t.getEffect()))
        .anyMatch(t -> "node.kubernetes.io/unschedulable".equals(t.getKey()));
    assertThat(pod.getSpec().getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("dpf-pull-secret");
    assertThat(pod.getSpec().getInitContainers()).extracting(Container::getName)
        .containsExactly("rshim-preflight", "devlink-grace-period");
    Container dms = pod.getSpec().getContainers().get(0);
    assertThat(dms.getName()).isEqualTo("dms");
    assertThat(dms.getImage()).isEqualTo("dms:test");
    assertThat(dms.getSecurityContext().getPrivileged()).isTrue();
    assertThat(dms.getPorts().get(0).getContainerPort()).isEqualTo(9339);
    assertThat(dms.getCommand()).containsExactly("/bin/bash", "-c", "--");
    assertThat(dms.getArgs().get(0)).startsWith("./rshim.sh && /opt/mellanox/doca/services/dms/dmsd -bind_address "
        + "0.0.0.0:9339").contains("-target_pci 4b:00 -exec_timeout 30 ").contains("-image_folder /bfb");
    assertThat(pod.getSpec().getVolumes()).anyMatch(v -> v.getSecret() != null
        && (name + "-server-secret").equals(v.getSecret().getSecretName()));
    assertThat(pod.getSpec().getVolumes()).anyMatch(v -> v.getPersistentVolumeClaim() != null
        && "bfb-pvc".equals(v.getPersistentVolumeClaim().getClaimName()));
    assertThat(pod.getSpec().getVolumes()).anyMatch(v -> v.getHostPath() != null
        && "/dev".equals(v.getHostPath().getPath()) && "Directory".equals(v.getHostPath().getType()));
  }

  void assertHostNetworkPod(String name, String host) {
    Pod pod = bed.client.pods().withName(name + "-hostnetwork").get();
    assertThat(pod.getSpec().getHostNetwork()).isTrue();
    Container c = pod.getSpec().getContainers().get(0);
    assertThat(c.getName()).isEqualTo("hostnetwork");
    assertThat(c.getImage()).isEqualTo("hostnetwork:test");
    assertThat(c.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).containsExactly(
        org.assertj.core.groups.Tuple.tuple("device_pci_address", "0000:4b:00"),
        org.assertj.core.groups.Tuple.tuple("num_of_vfs", "8"),
        org.assertj.core.groups.Tuple.tuple("vf_mtu", "9000"));
    assertThat(c.getReadinessProbe().getExec().getCommand()).containsExactly("ls", "/tmp/hostnetwork_succeed");
    assertThat(c.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
  }

  void flavorWithVfs() {
    DPUFlavor flavor = new DPUFlavor();
    flavor.getMetadata().setName("flavor");
    flavor.getMetadata().setNamespace(bed.ns);
    DPUFlavorSpec spec = new DPUFlavorSpec();
    DPUFlavorNVConfig nv = new DPUFlavorNVConfig();
    nv.setDevice("*");
    nv.setParameters(List.of("PF_BAR2_ENABLE=0", "NUM_OF_VFS=8"));
    spec.setNvconfig(List.of(nv));
    flavor.setSpec(spec);
    bed.client.resource(flavor).create();
  }

  static void assertCondition(DPU dpu, String type, String status, String reason, String message) {
    Condition c = DpuTestbed.cond(dpu, type);
    assertThat(c.getStatus()).as(type).isEqualTo(status);
    assertThat(c.getReason()).as(type).isEqualTo(reason);
    assertThat(c.getMessage()).as(type).isEqualTo(message);
  }
}
