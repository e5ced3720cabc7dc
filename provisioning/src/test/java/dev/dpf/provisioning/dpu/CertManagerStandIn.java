package dev.dpf.provisioning.dpu;

import dev.dpf.dpusim.Fleet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;

/**
 * Plays cert-manager, which does not run in tests: for every DMS server Certificate the DPU controller creates, it
 * writes the Certificate's Secret ({@code spec.secretName}) with the server certificate the simulated DPU's DMS
 * serves (the fleet's CA), as cert-manager would issue it. The client Secret and the CA Secret come from
 * {@link Fleet#publishSecrets}.
 */
final class CertManagerStandIn implements AutoCloseable {

  static final String SUFFIX = "-dms-server-cert";

  private final SharedIndexInformer<GenericKubernetesResource> informer;

  CertManagerStandIn(KubernetesClient client, String namespace, Fleet fleet) {
    this.informer = client.genericKubernetesResources(DpuObjects.CERT_MANAGER_API_VERSION, DpuObjects.CERTIFICATE_KIND)
        .inNamespace(namespace).inform(new ResourceEventHandler<>() {
          @Override
          @SuppressWarnings("unchecked")
          public void onAdd(GenericKubernetesResource cert) {
            String name = cert.getMetadata().getName();
            if (!name.endsWith(SUFFIX)) {
              return;
            }
            String dpu = name.substring(0, name.length() - SUFFIX.length());
            if (fleet.findDpu(dpu).isEmpty()) {
              return;
            }
            Map<String, Object> spec = (Map<String, Object>) cert.getAdditionalProperties().get("spec");
            Secret secret = fleet.serverSecret(dpu);
            secret.getMetadata().setName((String) spec.get("secretName"));
            secret.getMetadata().setNamespace(namespace);
            client.secrets().inNamespace(namespace).resource(secret).fieldManager("cert-manager").forceConflicts()
                .serverSideApply();
          }

          @Override
          public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource now) {}

          @Override
          public void onDelete(GenericKubernetesResource cert, boolean unknown) {}
        });
  }

  @Override
  public void close() {
    informer.close();
  }
}
