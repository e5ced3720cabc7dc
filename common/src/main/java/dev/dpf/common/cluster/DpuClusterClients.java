package dev.dpf.common.cluster;

import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Clients for DPU clusters, built from the admin kubeconfig Secret a DPUCluster names ({@code spec.kubeconfig}, key
 * {@code admin.conf}, in the DPUCluster's namespace). One client per DPUCluster UID is cached; the Secret is read
 * again at most once a minute and the client rebuilt when its content changed. Kubeconfig content is never logged
 * or put into exception messages.
 */
@Rbac(group = "", resources = {"secrets"}, verbs = {"get"})
public class DpuClusterClients implements AutoCloseable {

  /** How a DPUCluster is addressed: identity plus the Secret name. */
  public record ClusterRef(String namespace, String name, String uid, String kubeconfigSecret) {
    public String key() {
      return uid != null ? uid : namespace + "/" + name;
    }
  }

  private record Entry(KubernetesClient client, String fingerprint, Instant checked, String endpoint) {}

  private static final Duration RECHECK = Duration.ofMinutes(1);

  private final KubernetesClient host;
  private final Clock clock;
  private final Map<String, Entry> clients = new ConcurrentHashMap<>();
  private volatile Consumer<ClusterRef> onClientReplaced = ref -> {};

  public DpuClusterClients(KubernetesClient host, Clock clock) {
    this.host = host;
    this.clock = clock;
  }

  /** Called (with the cluster) when a cached client is replaced or dropped, so watchers can restart. */
  public void onClientReplaced(Consumer<ClusterRef> listener) {
    this.onClientReplaced = listener;
  }

  /** A client for the DPU cluster; throws {@link DpuClusterAccessException} with a clear message. */
  public KubernetesClient client(ClusterRef ref) {
    Entry entry = clients.get(ref.key());
    Instant now = Instant.now(clock);
    if (entry != null && now.isBefore(entry.checked().plus(RECHECK))) {
      return entry.client();
    }
    String kubeconfig = readKubeconfig(ref);
    String fingerprint = sha256(kubeconfig);
    if (entry != null && entry.fingerprint().equals(fingerprint)) {
      clients.put(ref.key(), new Entry(entry.client(), fingerprint, now, entry.endpoint()));
      return entry.client();
    }
    io.fabric8.kubernetes.api.model.Config parsed = Kubeconfigs.parse(kubeconfig);
    io.fabric8.kubernetes.client.Config config;
    try {
      config = io.fabric8.kubernetes.client.Config.fromKubeconfig(kubeconfig);
    } catch (RuntimeException e) {
      throw new DpuClusterAccessException("secret " + ref.namespace() + "/" + ref.kubeconfigSecret()
          + " holds an unusable kubeconfig (" + e.getClass().getSimpleName() + ")");
    }
    config.setRequestTimeout(10_000);
    config.setConnectionTimeout(5_000);
    config.setRequestRetryBackoffLimit(2);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    Entry previous = clients.put(ref.key(), new Entry(client, fingerprint, now, Kubeconfigs.endpoint(parsed)));
    if (previous != null) {
      previous.client().close();
      onClientReplaced.accept(ref);
    }
    return client;
  }

  /** host:port of the DPU cluster's API server (from the kubeconfig). */
  public String endpoint(ClusterRef ref) {
    client(ref);
    return clients.get(ref.key()).endpoint();
  }

  /** The raw kubeconfig of a DPU cluster; callers must not log it. */
  public String readKubeconfig(ClusterRef ref) {
    if (ref.kubeconfigSecret() == null || ref.kubeconfigSecret().isEmpty()) {
      throw new DpuClusterAccessException("DPUCluster " + ref.namespace() + "/" + ref.name()
          + " has no kubeconfig Secret yet (spec.kubeconfig is empty)");
    }
    Secret secret;
    try {
      secret = host.secrets().inNamespace(ref.namespace()).withName(ref.kubeconfigSecret()).get();
    } catch (KubernetesClientException e) {
      throw new DpuClusterAccessException("cannot read secret " + ref.namespace() + "/" + ref.kubeconfigSecret()
          + ": " + e.getMessage(), e);
    }
    if (secret == null) {
      throw new DpuClusterAccessException("secret " + ref.namespace() + "/" + ref.kubeconfigSecret() + " not found");
    }
    String data = secret.getData() != null ? secret.getData().get(Kubeconfigs.ADMIN_CONF) : null;
    if (data == null && secret.getStringData() != null) {
      return secret.getStringData().get(Kubeconfigs.ADMIN_CONF);
    }
    if (data == null) {
      throw new DpuClusterAccessException("secret " + ref.namespace() + "/" + ref.kubeconfigSecret()
          + " not in the expected format: data." + Kubeconfigs.ADMIN_CONF + " not found");
    }
    try {
      return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new DpuClusterAccessException("secret " + ref.namespace() + "/" + ref.kubeconfigSecret()
          + " not in the expected format: data." + Kubeconfigs.ADMIN_CONF + " is not base64");
    }
  }

  /** Drops and closes the client of a deleted cluster. */
  public void forget(ClusterRef ref) {
    Entry entry = clients.remove(ref.key());
    if (entry != null) {
      entry.client().close();
      onClientReplaced.accept(ref);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    clients.values().forEach(e -> e.client().close());
    clients.clear();
  }
}
