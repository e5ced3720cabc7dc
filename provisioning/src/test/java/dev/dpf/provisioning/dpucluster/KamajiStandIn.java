package dev.dpf.provisioning.dpucluster;

import dev.dpf.common.cluster.Kubeconfigs;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A stand-in for Kamaji, which does not run in tests: for a TenantControlPlane it writes what Kamaji would once the
 * tenant control plane serves, namely the admin kubeconfig Secret {@code <name>-admin-kubeconfig} (key
 * {@code admin.conf}, here the kubeconfig of a real local API server, {@code kube.dpuCluster(index)}) and the TCP
 * status {@code kubernetesResources.version.status: Ready}.
 */
final class KamajiStandIn {

  private KamajiStandIn() {}

  static void serve(KubeTestContext kube, String name, int dpuIndex) {
    KubernetesClient client = kube.client();
    String kubeconfig = kube.dpuCluster(dpuIndex).adminKubeconfig();
    client.secrets().inNamespace(kube.namespace()).resource(new SecretBuilder()
        .withNewMetadata().withName(name + "-admin-kubeconfig").withNamespace(kube.namespace())
        .addToLabels("kamaji.clastix.io/name", name).endMetadata()
        .withType("Opaque")
        .addToData(Kubeconfigs.ADMIN_CONF,
            Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)))
        .build()).create();
    client.genericKubernetesResources(KamajiObjects.TCP_API_VERSION, KamajiObjects.TCP_KIND)
        .inNamespace(kube.namespace()).withName(name)
        .editStatus(tcp -> {
          tcp.setAdditionalProperty("status", Map.of("kubernetesResources", Map.of("version",
              Map.of("status", KamajiObjects.TCP_VERSION_READY, "version", "v1.30.2"))));
          return tcp;
        });
  }

  static GenericKubernetesResource tcp(KubeTestContext kube, String name) {
    return kube.client().genericKubernetesResources(KamajiObjects.TCP_API_VERSION, KamajiObjects.TCP_KIND)
        .inNamespace(kube.namespace()).withName(name).get();
  }
}
