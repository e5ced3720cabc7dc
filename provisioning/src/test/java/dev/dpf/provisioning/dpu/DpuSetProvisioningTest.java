package dev.dpf.provisioning.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.BFBReference;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.provisioning.v1alpha1.DPUSetSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUSetStrategy;
import dev.dpf.api.provisioning.v1alpha1.DPUSetStrategyType;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplate;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplateSpec;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.api.provisioning.v1alpha1.RollingUpdateDPU;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.dpusim.DmsSimulator;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end scenario: a DPUSet over three hosts and a static DPUCluster (DPU API server 1, which the
 * simulated DPUs join) ends with three Ready DPUs, each flashed exactly once with the bytes of the BFB file; the node
 * effect is applied while they provision and removed when they are Ready; a BFB change rolls them within
 * maxUnavailable; deleting the DPUSet leaves nothing behind.
 */
@KubeTest
class DpuSetProvisioningTest {

  static final String FILE_A = "bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb";
  static final String FILE_B = "bf-bundle-2.10.0-86_25.01_ubuntu-22.04_prod.bfb";
  static final int SIZE = 2 * 1024 * 1024 + 511;

  DpuTestbed bed;
  List<String> hosts = new ArrayList<>();

  @BeforeEach
  void setUp(KubeTestContext kube) {
    bed = new DpuTestbed(kube);
    for (int i = 1; i <= 3; i++) {
      hosts.add(bed.host(i));
    }
    bed.flavor("flavor");
    bed.start();
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  @Test
  void threeHostsEndReadyFlashedOnceAndDeletingTheSetLeavesNothing() throws Exception {
    String sha = bed.bfb("bfb-a", FILE_A, SIZE);
    // hold the host network step so that the node effect can be seen in place while the DPUs provision
    hosts.forEach(bed.agent::hold);
    bed.client.resource(dpuSet("bfb-a", null)).create();

    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      for (String host : hosts) {
        assertThat(phase(DpuTestbed.dpuName(host))).isEqualTo(DPUPhase.HOST_NETWORK_CONFIGURATION);
        assertThat(bed.node(host).getSpec().getTaints()).anyMatch(t -> "dpu".equals(t.getKey())
            && "provisioning".equals(t.getValue()) && "NoSchedule".equals(t.getEffect()));
      }
    });
    hosts.forEach(bed.agent::release);
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      for (String host : hosts) {
        assertThat(phase(DpuTestbed.dpuName(host))).isEqualTo(DPUPhase.READY);
        assertThat(bed.node(host).getSpec().getTaints()).noneMatch(t -> "dpu".equals(t.getKey()));
      }
      DPUSet set = bed.client.resources(DPUSet.class).withName("dpuset").get();
      assertThat(StatusConditions.isTrue(set.getStatus(), Conditions.READY)).isTrue();
      assertThat(set.getStatus().getDpuStatistics()).isEqualTo(Map.of("Ready", 3));
    });

    for (String host : hosts) {
      String name = DpuTestbed.dpuName(host);
      DmsSimulator dms = bed.fleet.dpu(name).dms();
      assertThat(dms.stats().activations()).as("activations of %s", name).isEqualTo(1);
      assertThat(dms.stats().installs()).as("packages transferred to %s (BFB + bf.cfg)", name).isEqualTo(2);
      assertThat(dms.stats().bytesReceived()).isGreaterThanOrEqualTo(SIZE);
      assertThat(dms.images().get(FILE_A).sha256()).isEqualTo(sha);
      assertThat(dms.images().get(FILE_A).size()).isEqualTo(SIZE);
      assertThat(dms.runningVersion()).isEqualTo(FILE_A + ";" + name + ".cfg");
      assertThat(dms.bfCfg(name + ".cfg").orElseThrow()).contains("set-hostname, '" + name + "'")
          .contains("kubeadm join ");
      assertThat(bed.fleet.host(host).commandLog()).filteredOn(c -> c.startsWith("bf-slr.sh"))
          .containsExactly("bf-slr.sh 4b:00 reset arm", "bf-slr.sh 4b:00 reset host");
      DPU dpu = bed.get(name);
      assertThat(dpu.getStatus().getInstallation().getActivated()).isTrue();
      assertThat(dpu.getStatus().getHostReboot().getCount()).isEqualTo(1);
      Node dpuNode = bed.dpuClient.nodes().withName(name).get();
      assertThat(DpuClusterNodes.ready(dpuNode)).isTrue();
      assertThat(dpuNode.getMetadata().getLabels()).containsEntry(ProvisioningLabels.HOST, host)
          .containsEntry(ProvisioningLabels.DOCA_BFB_VERSION, "bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod");
      assertThat(bed.client.pods().withName(name + "-dms").get()).isNotNull();
      assertThat(bed.client.pods().withName(name + "-hostnetwork").get()).isNotNull();
    }

    bed.client.resources(DPUSet.class).withName("dpuset").delete();
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> {
      assertThat(bed.client.resources(DPU.class).list().getItems()).isEmpty();
      assertThat(bed.client.pods().withLabel(ProvisioningLabels.COMPONENT).list().getItems()).isEmpty();
      assertThat(bed.client.genericKubernetesResources(DpuObjects.CERT_MANAGER_API_VERSION,
          DpuObjects.CERTIFICATE_KIND).list().getItems()).isEmpty();
      for (String host : hosts) {
        String name = DpuTestbed.dpuName(host);
        assertThat(bed.client.secrets().withName(name + "-server-secret").get()).isNull();
        assertThat(bed.dpuClient.nodes().withName(name).get()).isNull();
        assertThat(bed.node(host).getSpec().getTaints()).noneMatch(t -> "dpu".equals(t.getKey()));
        assertThat(Files.exists(bed.bfbDir.resolve(name + ".cfg"))).isFalse();
      }
    });
  }

  @Test
  void changingTheBfbRollsTheDpusWithinMaxUnavailable() {
    String shaA = bed.bfb("bfb-a", FILE_A, SIZE);
    String shaB = bed.bfb("bfb-b", FILE_B, SIZE + 4096);
    bed.client.resource(dpuSet("bfb-a", new IntOrString(1))).create();
    await().atMost(DpuTestbed.WAIT).untilAsserted(() -> hosts.forEach(h ->
        assertThat(phase(DpuTestbed.dpuName(h))).isEqualTo(DPUPhase.READY)));

    editSet(s -> {
      s.getSpec().getDpuTemplate().getSpec().setBfb(new BFBReference("bfb-b"));
      return s;
    });
    List<String> violations = new CopyOnWriteArrayList<>();
    int[] maxSeen = {0};
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
      List<DPU> now = bed.client.resources(DPU.class).list().getItems();
      long available = now.stream().filter(d -> d.getMetadata().getDeletionTimestamp() == null
          && StatusConditions.isTrue(d.getStatus(), Conditions.READY)).count();
      int unavailable = hosts.size() - (int) available;
      maxSeen[0] = Math.max(maxSeen[0], unavailable);
      if (unavailable > 1) {
        violations.add(unavailable + " unavailable");
      }
      return now.size() == 3 && now.stream().allMatch(d -> "bfb-b".equals(d.getSpec().getBfb())
          && d.getStatus() != null && d.getStatus().getPhase() == DPUPhase.READY);
    });
    assertThat(violations).isEmpty();
    assertThat(maxSeen[0]).isEqualTo(1);
    for (String host : hosts) {
      String name = DpuTestbed.dpuName(host);
      DmsSimulator dms = bed.fleet.dpu(name).dms();
      assertThat(dms.stats().activations()).as("one activation per DPU object").isEqualTo(2);
      assertThat(dms.images().get(FILE_A).sha256()).isEqualTo(shaA);
      assertThat(dms.images().get(FILE_B).sha256()).isEqualTo(shaB);
      assertThat(dms.runningVersion()).isEqualTo(FILE_B + ";" + name + ".cfg");
      assertThat(bed.dpuClient.nodes().withName(name).get().getMetadata().getLabels())
          .containsEntry(ProvisioningLabels.DOCA_BFB_VERSION, "bf-bundle-2.10.0-86_25.01_ubuntu-22.04_prod");
    }
  }

  DPUSet dpuSet(String bfb, IntOrString maxUnavailable) {
    DPUSet set = new DPUSet();
    set.getMetadata().setName("dpuset");
    set.getMetadata().setNamespace(bed.ns);
    DPUSetSpec spec = new DPUSetSpec();
    spec.setNodeSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(bed.testLabel, "")).build());
    DPUTemplateSpec t = new DPUTemplateSpec();
    t.setBfb(new BFBReference(bfb));
    t.setDpuFlavor("flavor");
    t.setNodeEffect(DpuTestbed.taint());
    DPUTemplate template = new DPUTemplate();
    template.setSpec(t);
    spec.setDpuTemplate(template);
    if (maxUnavailable != null) {
      DPUSetStrategy strategy = new DPUSetStrategy();
      strategy.setType(DPUSetStrategyType.ROLLING_UPDATE);
      RollingUpdateDPU ru = new RollingUpdateDPU();
      ru.setMaxUnavailable(maxUnavailable);
      strategy.setRollingUpdate(ru);
      spec.setStrategy(strategy);
    }
    set.setSpec(spec);
    return set;
  }

  void editSet(UnaryOperator<DPUSet> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        bed.client.resources(DPUSet.class).withName("dpuset").edit(change);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  DPUPhase phase(String dpu) {
    DPU d = bed.get(dpu);
    return d == null || d.getStatus() == null ? null : d.getStatus().getPhase();
  }
}
