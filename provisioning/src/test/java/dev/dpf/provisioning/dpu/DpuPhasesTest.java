package dev.dpf.provisioning.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUInstallStep;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.NodeEffect;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.provisioning.nodeeffect.NodeEffects;
import dev.dpf.provisioning.nodeeffect.NodeMaintenances;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour of single phases (reference 14.2 scenarios 10, 11, 14, 16 and quirk Q6). */
@KubeTest
class DpuPhasesTest {

  static final String FILE = "bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb";

  DpuTestbed bed;

  @BeforeEach
  void setUp(KubeTestContext kube) {
    bed = new DpuTestbed(kube, fleet -> fleet.rebootTime(Duration.ofSeconds(2)));
    bed.bfb("bfb", FILE, 1024 * 1024);
    bed.flavor("flavor");
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  @Test
  void initializingWaitsForTheOobBridgeAndAReadyClusterWithRoom() {
    String host = bed.host(1, false);
    String name = DpuTestbed.dpuName(host);
    clusterPhase(DPUClusterPhase.NOT_READY);
    bed.start();
    bed.dpu(host, "bfb", d -> {});
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      Condition c = DpuTestbed.cond(bed.get(name), DPU.CONDITION_INITIALIZED);
      assertThat(c.getReason()).isEqualTo(DPU.REASON_DPU_OOB_BRIDGE_NOT_CONFIGURED);
      assertThat(c.getMessage()).isEqualTo(DPU.MESSAGE_DPU_OOB_BRIDGE_NOT_CONFIGURED);
    });
    bed.client.nodes().withName(host).edit(n -> {
      n.getMetadata().getLabels().put(ProvisioningLabels.NODE_DPU_OOB_BRIDGE_CONFIGURED, "");
      return n;
    });
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      Condition c = DpuTestbed.cond(bed.get(name), DPU.CONDITION_INITIALIZED);
      assertThat(c.getReason()).isEqualTo(DPU.REASON_DPU_CLUSTER_NOT_READY);
      assertThat(c.getMessage()).isEqualTo("cluster dpu-cplane is not ready, phase: NotReady");
    });
    assertThat(bed.get(name).getSpec().getCluster()).isNull();

    // the cluster becomes Ready (a DPUCluster event) but has room for one DPU only
    bed.client.resources(DPUCluster.class).withName(DpuTestbed.CLUSTER).edit(c -> {
      c.getSpec().setMaxNodes(1);
      return c;
    });
    clusterPhase(DPUClusterPhase.READY);
    DPU ready = bed.awaitPhase(name, DPUPhase.READY);
    assertThat(ready.getSpec().getCluster().getName()).isEqualTo(DpuTestbed.CLUSTER);
    assertThat(ready.getSpec().getCluster().getNamespace()).isEqualTo(bed.ns);

    String second = DpuTestbed.dpuName(bed.host(2));
    bed.dpu(bed.hosts.get(1), "bfb", d -> {});
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      Condition c = DpuTestbed.cond(bed.get(second), DPU.CONDITION_INITIALIZED);
      assertThat(c.getReason()).isEqualTo(DPU.REASON_DPU_CLUSTER_NOT_READY);
      assertThat(c.getMessage()).isEqualTo("cluster " + bed.ns + "/dpu-cplane is full, max node: 1");
    });
    assertThat(bed.get(second).getStatus().getPhase()).isEqualTo(DPUPhase.INITIALIZING);
  }

  @Test
  void rebootCommandsFollowTheAnnotationsAndAreIssuedOnce() {
    String warm = bed.host(1);
    String cycle = bed.host(2);
    String reset = bed.host(3);
    String skip = bed.host(4);
    annotateNode(reset, ProvisioningLabels.POWERCYCLE_COMMAND, "reset");
    annotateNode(skip, ProvisioningLabels.REBOOT_COMMAND, "skip");
    bed.start();
    bed.dpu(warm, "bfb", d -> {});
    bed.dpu(cycle, "bfb", d -> d.getMetadata().setAnnotations(Map.of(ProvisioningLabels.HOST_POWER_CYCLE_REQUIRED,
        "true")));
    bed.dpu(reset, "bfb", d -> d.getMetadata().setAnnotations(Map.of(ProvisioningLabels.HOST_POWER_CYCLE_REQUIRED,
        "1")));
    bed.dpu(skip, "bfb", d -> {});
    for (String host : bed.hosts) {
      bed.awaitPhase(DpuTestbed.dpuName(host), DPUPhase.READY);
    }
    assertThat(rebootCommands(warm)).containsExactly("bf-slr.sh 4b:00 reset arm", "bf-slr.sh 4b:00 reset host");
    assertThat(rebootCommands(cycle)).containsExactly("ipmitool chassis power cycle");
    assertThat(rebootCommands(reset)).containsExactly("ipmitool chassis power reset");
    assertThat(rebootCommands(skip)).isEmpty();
    assertThat(bed.get(DpuTestbed.dpuName(warm)).getStatus().getHostReboot().getCommand())
        .isEqualTo("bf-slr.sh 4b:00 reset arm; bf-slr.sh 4b:00 reset host");
    assertThat(bed.get(DpuTestbed.dpuName(cycle)).getStatus().getHostReboot().getCount()).isEqualTo(1);
    assertThat(bed.get(DpuTestbed.dpuName(skip)).getStatus().getHostReboot()).isNull();
    assertThat(DpuTestbed.cond(bed.get(DpuTestbed.dpuName(skip)), DPU.CONDITION_REBOOTED).getMessage())
        .contains("skipped");
    // bf.cfg of the skipped host makes the DPU reboot itself (restart.sh only with kernel/sysctl parameters)
    assertThat(bed.fleet.dpu(DpuTestbed.dpuName(skip)).host().reboots()).isZero();
  }

  @Test
  void drainCustomLabelAndHoldNodeEffects() {
    String drained = bed.host(1);
    String labelled = bed.host(2);
    String held = bed.host(3);
    bed.start();
    bed.dpu(drained, "bfb", d -> d.getSpec().setNodeEffect(NodeEffect.drain(true)));
    bed.dpu(labelled, "bfb", d -> {
      NodeEffect effect = new NodeEffect();
      effect.setCustomLabel(Map.of("dpu.example.com/provisioning", "true"));
      d.getSpec().setNodeEffect(effect);
    });
    bed.dpu(held, "bfb", d -> {
      NodeEffect effect = new NodeEffect();
      effect.setHold(true);
      d.getSpec().setNodeEffect(effect);
    });

    // drain: the NodeMaintenance of the host, waited for until the maintenance operator (stand-in) reports Ready
    String drainedDpu = DpuTestbed.dpuName(drained);
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      Condition c = DpuTestbed.cond(bed.get(drainedDpu), DPU.CONDITION_NODE_EFFECT_READY);
      assertThat(c.getReason()).isEqualTo(NodeEffects.REASON_NODE_MAINTENANCE_NOT_READY);
    });
    GenericKubernetesResource nm = maintenance(drained);
    assertThat(nm.get("spec", "requestorID").toString()).isEqualTo(NodeMaintenances.REQUESTOR_ID);
    assertThat(nm.get("spec", "nodeName").toString()).isEqualTo(drained);
    assertThat(bed.get(drainedDpu).getStatus().getPhase()).isEqualTo(DPUPhase.NODE_EFFECT);
    // the NVIDIA maintenance operator does not run in tests: this stands in for it once the host is drained
    bed.client.genericKubernetesResources(NodeMaintenances.API_VERSION, NodeMaintenances.KIND).withName(drained)
        .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"conditions\":[{\"type\":"
            + "\"Ready\",\"status\":\"True\",\"reason\":\"Ready\",\"message\":\"\",\"lastTransitionTime\":"
            + "\"2024-12-02T10:05:00Z\"}]}}");
    bed.awaitPhase(drainedDpu, DPUPhase.READY);
    await().atMost(DpuTestbed.WAIT).until(() -> maintenance(drained) == null);

    // customLabel: set while provisioning and kept while Ready (quirk Q10), removed when the DPU goes
    String labelledDpu = DpuTestbed.dpuName(labelled);
    bed.awaitPhase(labelledDpu, DPUPhase.READY);
    assertThat(bed.node(labelled).getMetadata().getLabels()).containsEntry("dpu.example.com/provisioning", "true");
    bed.client.resources(DPU.class).withName(labelledDpu).delete();
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      assertThat(bed.get(labelledDpu)).isNull();
      assertThat(bed.node(labelled).getMetadata().getLabels()).doesNotContainKey("dpu.example.com/provisioning");
    });

    // hold: waits for an external actor to set the annotation to false
    String heldDpu = DpuTestbed.dpuName(held);
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      DPU dpu = bed.get(heldDpu);
      assertThat(dpu.getMetadata().getAnnotations()).containsEntry(ProvisioningLabels.WAIT_FOR_EXTERNAL_NODEEFFECT,
          "true");
      Condition c = DpuTestbed.cond(dpu, DPU.CONDITION_NODE_EFFECT_READY);
      assertThat(c.getReason()).isEqualTo(NodeEffects.REASON_EXTERNAL_NODE_EFFECT);
      assertThat(c.getMessage()).isEqualTo(NodeEffects.MESSAGE_EXTERNAL_NODE_EFFECT);
    });
    bed.client.resources(DPU.class).withName(heldDpu).edit(d -> {
      d.getMetadata().getAnnotations().put(ProvisioningLabels.WAIT_FOR_EXTERNAL_NODEEFFECT, "false");
      return d;
    });
    bed.awaitPhase(heldDpu, DPUPhase.READY);
  }

  @Test
  void readyRecreatesPodsMirrorsTheDpuNodeAndReappliesLabels() {
    String host = bed.host(1);
    String name = DpuTestbed.dpuName(host);
    bed.start();
    bed.dpu(host, "bfb", d -> d.getSpec().setCluster(null));
    bed.awaitPhase(name, DPUPhase.READY);

    String dmsUid = bed.client.pods().withName(name + "-dms").get().getMetadata().getUid();
    bed.client.pods().withName(name + "-dms").delete();
    await().atMost(DpuTestbed.WAIT).until(() -> {
      var pod = bed.client.pods().withName(name + "-dms").get();
      return pod != null && !pod.getMetadata().getUid().equals(dmsUid);
    });
    bed.client.pods().withName(name + "-hostnetwork").delete();
    await().atMost(DpuTestbed.WAIT).until(() -> bed.client.pods().withName(name + "-hostnetwork").get() != null);

    dpuNodeReady(name, "False");
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      Condition ready = DpuTestbed.cond(bed.get(name), DPU.CONDITION_READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo(DPU.REASON_DPU_NODE_NOT_READY);
      assertThat(ready.getMessage()).isEqualTo("DPU Node " + name + " is not Ready");
    });
    assertThat(bed.get(name).getStatus().getPhase()).isEqualTo(DPUPhase.READY);
    dpuNodeReady(name, "True");
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      Condition ready = DpuTestbed.cond(bed.get(name), DPU.CONDITION_READY);
      assertThat(ready.getStatus()).isEqualTo("True");
      assertThat(ready.getReason()).isEqualTo(DPU.REASON_DPU_NODE_READY);
    });

    bed.dpuClient.nodes().withName(name).edit(n -> {
      n.getMetadata().getLabels().remove(ProvisioningLabels.HOST);
      return n;
    });
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> assertThat(bed.dpuClient.nodes().withName(name).get()
        .getMetadata().getLabels()).containsEntry(ProvisioningLabels.HOST, host));
    bed.awaitPhase(name, DPUPhase.READY);
  }

  @Test
  void deletingDuringTheTransferCancelsItAndCleansUp() {
    String host = bed.host(1);
    String name = DpuTestbed.dpuName(host);
    bed.fleet.dpu(name).dms().latency(Duration.ofSeconds(3));
    bed.start();
    bed.dpu(host, "bfb", d -> {});
    await().atMost(DpuTestbed.WAIT).until(() -> {
      DPU dpu = bed.get(name);
      return dpu.getStatus().getInstallation() != null
          && dpu.getStatus().getInstallation().getStep() == DPUInstallStep.TRANSFERRING_BFB;
    });
    bed.client.resources(DPU.class).withName(name).delete();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(bed.get(name)).isNull();
      assertThat(bed.client.pods().withLabel(ProvisioningLabels.COMPONENT).list().getItems()).isEmpty();
      assertThat(bed.node(host).getSpec().getTaints()).noneMatch(t -> "dpu".equals(t.getKey()));
    });
    assertThat(bed.fleet.dpu(name).dms().stats().activations()).isZero();
  }

  @Test
  void deletingWhileDmsFlashesWaitsForTheActivationToEnd() {
    String host = bed.host(1);
    String name = DpuTestbed.dpuName(host);
    bed.start();
    bed.dpu(host, "bfb", d -> {});
    await().atMost(DpuTestbed.WAIT).until(() -> {
      DPU dpu = bed.get(name);
      return dpu.getStatus().getInstallation() != null
          && Boolean.TRUE.equals(dpu.getStatus().getInstallation().getActivated());
    });
    bed.client.resources(DPU.class).withName(name).delete();
    // the DMS pod stays while DMS flashes the DPU
    await().atMost(DpuTestbed.WAIT).until(() -> !bed.events(name, "WaitingForActivation").isEmpty());
    assertThat(bed.fleet.dpu(name).dms().rebooting()).isTrue();
    assertThat(bed.client.pods().withName(name + "-dms").get()).isNotNull();
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      assertThat(bed.get(name)).isNull();
      assertThat(bed.client.pods().withLabel(ProvisioningLabels.COMPONENT).list().getItems()).isEmpty();
    });
    assertThat(bed.fleet.dpu(name).dms().rebooting()).isFalse();
  }

  List<String> rebootCommands(String host) {
    return bed.fleet.host(host).commandLog().stream().filter(c -> !c.startsWith("cat ")).toList();
  }

  void annotateNode(String host, String key, String value) {
    bed.client.nodes().withName(host).edit(n -> {
      n.getMetadata().setAnnotations(Map.of(key, value));
      return n;
    });
  }

  void clusterPhase(DPUClusterPhase phase) {
    bed.client.resources(DPUCluster.class).withName(DpuTestbed.CLUSTER).editStatus(c -> {
      c.getStatus().setPhase(phase);
      return c;
    });
  }

  GenericKubernetesResource maintenance(String host) {
    return bed.client.genericKubernetesResources(NodeMaintenances.API_VERSION, NodeMaintenances.KIND)
        .withName(host).get();
  }

  void dpuNodeReady(String name, String status) {
    bed.dpuClient.nodes().withName(name).editStatus(n -> {
      n.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
          .forEach(c -> c.setStatus(status));
      return n;
    });
  }
}
