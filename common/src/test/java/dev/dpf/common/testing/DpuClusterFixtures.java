package dev.dpf.common.testing;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUClusterStatus;
import dev.dpf.common.cluster.Kubeconfigs;
import dev.dpf.testing.KubeTestContext;
import dev.dpf.testing.LocalControlPlane;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * DPUClusters backed by the test's extra local API servers (DPU clusters 1, 2, ...): the admin kubeconfig Secret
 * ({@code admin.conf}) and a {@code type: static} DPUCluster in the test namespace.
 */
public final class DpuClusterFixtures {

  private DpuClusterFixtures() {}

  /** Creates Secret {@code <name>-admin-kubeconfig} and DPUCluster {@code <name>} for DPU cluster {@code index}. */
  public static DPUCluster staticCluster(KubeTestContext kube, int index, String name) {
    LocalControlPlane plane = kube.dpuCluster(index);
    KubernetesClient client = kube.client();
    client.secrets().resource(new SecretBuilder()
        .withNewMetadata().withName(name + "-admin-kubeconfig").withNamespace(kube.namespace()).endMetadata()
        .withType("Opaque")
        .addToData(Kubeconfigs.ADMIN_CONF,
            Base64.getEncoder().encodeToString(plane.adminKubeconfig().getBytes(StandardCharsets.UTF_8)))
        .build()).create();
    DPUCluster cluster = new DPUCluster();
    cluster.getMetadata().setName(name);
    cluster.getMetadata().setNamespace(kube.namespace());
    DPUClusterSpec spec = new DPUClusterSpec();
    spec.setType("static");
    spec.setMaxNodes(1000);
    spec.setVersion("v1.34.4");
    spec.setKubeconfig(name + "-admin-kubeconfig");
    cluster.setSpec(spec);
    return client.resource(cluster).create();
  }

  /**
   * A static DPUCluster whose status says Ready, written the way the DPUCluster controllers would: for tests of
   * other controllers that need a Ready DPU cluster without running the DPUCluster controllers.
   */
  public static DPUCluster readyStaticCluster(KubeTestContext kube, int index, String name) {
    DPUCluster cluster = staticCluster(kube, index, name);
    DPUClusterStatus status = new DPUClusterStatus();
    status.setPhase(DPUClusterPhase.READY);
    String now = Instant.now().toString();
    List<io.fabric8.kubernetes.api.model.Condition> conditions = new ArrayList<>();
    conditions.add(new ConditionBuilder().withType("Created").withStatus(Conditions.TRUE).withReason("Created")
        .withMessage("").withLastTransitionTime(now).build());
    conditions.add(new ConditionBuilder().withType(Conditions.READY).withStatus(Conditions.TRUE)
        .withReason("HealthCheckPassed").withMessage("").withLastTransitionTime(now).build());
    status.setConditions(conditions);
    cluster.setStatus(status);
    return kube.client().resource(cluster).updateStatus();
  }
}
