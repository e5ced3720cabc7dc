package dev.dpf.dpuservice.argocd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.cluster.DpuClusterAccessException;
import dev.dpf.common.cluster.DpuClusterClients.ClusterRef;
import dev.dpf.common.cluster.Kubeconfigs;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Argo CD cluster Secret of a DPU cluster (reference 10.4.2): how Argo CD reaches the DPU cluster's API server.
 * This is the only object into which a DPU-cluster credential is copied; it lives in the operator namespace, is
 * labelled for Argo CD, and its content never appears in status, events or logs.
 */
public final class ArgoClusterSecrets {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ArgoClusterSecrets() {}

  /** {@code <dpucluster-namespace>-<dpucluster-name>}. */
  public static String name(ClusterRef cluster) {
    return cluster.namespace() + "-" + cluster.name();
  }

  /**
   * The desired Secret. {@code data.name} is the DPUCluster name (what the Applications use as destination),
   * {@code data.server} the kubeconfig's server, {@code data.config} the client-certificate TLS configuration.
   *
   * @throws DpuClusterAccessException when the kubeconfig is not usable by Argo CD (no client certificate); the
   *     message never holds kubeconfig content
   */
  public static Secret desired(ClusterRef cluster, String kubeconfig, String operatorNamespace, HasMetadata owner) {
    Config config = Kubeconfigs.parse(kubeconfig);
    String server = config.getClusters().get(0).getCluster().getServer();
    AuthInfo user = config.getUsers().get(0).getUser();
    String caData = Kubeconfigs.caData(config);
    String certData = user == null ? null : user.getClientCertificateData();
    String keyData = user == null ? null : user.getClientKeyData();
    if (isEmpty(certData) || isEmpty(keyData)) {
      throw new DpuClusterAccessException("kubeconfig of DPUCluster " + cluster.namespace() + "/" + cluster.name()
          + " has no inline client certificate and key (client-certificate-data, client-key-data); only "
          + "client-certificate authentication can be handed to Argo CD");
    }
    ObjectNode tls = JSON.createObjectNode();
    if (!isEmpty(caData)) {
      tls.put("caData", caData);
    }
    tls.put("keyData", keyData);
    tls.put("certData", certData);
    ObjectNode configJson = JSON.createObjectNode();
    configJson.set("tlsClientConfig", tls);

    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ServiceLabels.ARGOCD_SECRET_TYPE, ServiceLabels.ARGOCD_SECRET_TYPE_CLUSTER);
    labels.put(ServiceLabels.CLUSTER, cluster.name());
    labels.put(ServiceLabels.CLUSTER_NAMESPACE, cluster.namespace());
    labels.put(ServiceLabels.COMPONENT, ServiceLabels.COMPONENT_DPUSERVICE_MANAGER);
    return new SecretBuilder()
        .withNewMetadata()
          .withName(name(cluster))
          .withNamespace(operatorNamespace)
          .withLabels(labels)
          .withOwnerReferences(Owners.controllerReference(owner))
        .endMetadata()
        .withType("Opaque")
        .addToData("name", b64(cluster.name()))
        .addToData("server", b64(server))
        .addToData("config", b64(configJson.toString()))
        .build();
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
