package dev.dpf.servicechain.mirror;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/** Namespaces in DPU clusters: created when missing, as upstream does before applying a mirrored object. */
public final class DpuNamespaces {

  private DpuNamespaces() {}

  public static void ensure(KubernetesClient dpu, String namespace) {
    if (dpu.namespaces().withName(namespace).get() != null) {
      return;
    }
    try {
      dpu.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }
}
