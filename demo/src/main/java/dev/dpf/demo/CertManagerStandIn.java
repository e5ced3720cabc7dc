package dev.dpf.demo;

import dev.dpf.dpusim.Fleet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STAND-IN for cert-manager, which does not run in the demo. At start it writes what DPF's installation issues once:
 * the CA Secret {@code dpf-provisioning-ca-secret} and the client Secret {@code dpf-provisioning-client-secret} (the
 * simulator fleet's CA). Then, for every DMS server Certificate the DPU controller creates
 * ({@code <dpu>-dms-server-cert}), it issues the Certificate's Secret ({@code spec.secretName}) with the certificate
 * that DPU's DMS simulator serves, and issues it again if the Secret is deleted while the Certificate exists.
 */
final class CertManagerStandIn implements AutoCloseable {

  static final String API_VERSION = "cert-manager.io/v1";
  static final String SUFFIX = "-dms-server-cert";

  private static final Logger LOG = LoggerFactory.getLogger(CertManagerStandIn.class);

  private final KubernetesClient client;
  private final String namespace;
  private final Fleet fleet;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "cert-manager-stand-in");
    t.setDaemon(true);
    return t;
  });
  private SharedIndexInformer<GenericKubernetesResource> certificates;
  private SharedIndexInformer<Secret> secrets;

  CertManagerStandIn(KubernetesClient client, String namespace, Fleet fleet) {
    this.client = client;
    this.namespace = namespace;
    this.fleet = fleet;
  }

  CertManagerStandIn start() {
    apply(fleet.caSecret());
    apply(fleet.clientSecret());
    certificates = client.genericKubernetesResources(API_VERSION, "Certificate").inNamespace(namespace)
        .inform(new SchedulerStandIn.Handler<>(c -> later(0)));
    secrets = client.secrets().inNamespace(namespace).inform(new SchedulerStandIn.Handler<>(s -> later(0)));
    return this;
  }

  private void later(long millis) {
    try {
      worker.schedule(this::issueAll, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }

  @SuppressWarnings("unchecked")
  private void issueAll() {
    for (GenericKubernetesResource cert : certificates.getStore().list()) {
      String name = cert.getMetadata().getName();
      if (cert.getMetadata().getDeletionTimestamp() != null || !name.endsWith(SUFFIX)) {
        continue;
      }
      String dpu = name.substring(0, name.length() - SUFFIX.length());
      Object spec = cert.getAdditionalProperties().get("spec");
      String secretName = spec instanceof Map<?, ?> m && m.get("secretName") != null
          ? String.valueOf(m.get("secretName")) : null;
      if (secretName == null || fleet.findDpu(dpu).isEmpty()
          || secrets.getStore().getByKey(namespace + "/" + secretName) != null) {
        continue;
      }
      Secret secret = fleet.serverSecret(dpu);
      secret.getMetadata().setName(secretName);
      try {
        apply(secret);
        LOG.atInfo().addKeyValue("certificate", name).addKeyValue("secret", secretName)
            .log("certificate issued (cert-manager stand-in)");
      } catch (KubernetesClientException e) {
        LOG.atDebug().addKeyValue("certificate", name).addKeyValue("error", e.getMessage()).log("retrying");
        later(2000);
      }
    }
  }

  private void apply(Secret secret) {
    secret.getMetadata().setNamespace(namespace);
    client.secrets().inNamespace(namespace).resource(secret).fieldManager("cert-manager").forceConflicts()
        .serverSideApply();
  }

  @Override
  public void close() throws InterruptedException {
    if (certificates != null) {
      certificates.close();
    }
    if (secrets != null) {
      secrets.close();
    }
    worker.shutdownNow();
    worker.awaitTermination(5, TimeUnit.SECONDS);
  }
}
