package dev.dpf.provisioning.dpucluster;

import dev.dpf.common.cluster.DpuClusterAccessException;
import dev.dpf.common.cluster.DpuClusterClients;
import dev.dpf.common.cluster.Kubeconfigs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/**
 * Join data for a DPU without the {@code kubeadm} binary or a kubeconfig file (reference 9.8, quirk Q16): a
 * bootstrap token Secret in the DPU cluster's {@code kube-system} and the equivalent of {@code kubeadm token create
 * --print-join-command} plus {@code --v=5}:
 *
 * <pre>kubeadm join &lt;host:port&gt; --token &lt;id&gt;.&lt;secret&gt; --discovery-token-ca-cert-hash sha256:&lt;hex&gt; --v=5</pre>
 *
 * The endpoint is the {@code server} of the DPUCluster's admin kubeconfig; the hash is the SHA-256 of the DER
 * SubjectPublicKeyInfo of its CA certificate ({@code certificate-authority-data}, or, when the kubeconfig has none,
 * the CA in the DPU cluster's {@code kube-public/cluster-info}). Every call creates a new token valid for 24 hours
 * (kubeadm's default TTL): a DPU must join within a day of its installation. The command holds a credential: it
 * goes into bf.cfg only, never into logs, status or events ({@link JoinCommand#toString} redacts it).
 */
public final class KubeadmJoin {

  /** kubeadm's default token TTL. */
  public static final Duration TOKEN_TTL = Duration.ofHours(24);
  static final String TOKEN_SECRET_TYPE = "bootstrap.kubernetes.io/token";
  static final String TOKEN_SECRET_PREFIX = "bootstrap-token-";
  static final String AUTH_EXTRA_GROUPS = "system:bootstrappers:kubeadm:default-node-token";
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int ATTEMPTS = 3;

  /** A bootstrap token ({@code [a-z0-9]{6}.[a-z0-9]{16}}). */
  public record Token(String id, String secret) {
    @Override
    public String toString() {
      return id + ".<redacted>";
    }
  }

  /** The join command line and the token in it. */
  public record JoinCommand(String command, Token token, Instant expiration) {
    @Override
    public String toString() {
      return "kubeadm join (token " + token + ", expires " + expiration + ")";
    }
  }

  private final DpuClusterClients clients;
  private final Clock clock;
  private final Random random;

  public KubeadmJoin(DpuClusterClients clients, Clock clock) {
    this(clients, clock, new SecureRandom());
  }

  KubeadmJoin(DpuClusterClients clients, Clock clock, Random random) {
    this.clients = clients;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Creates a bootstrap token in the DPU cluster and returns the join command. Blocking (two API calls to the DPU
   * cluster); throws {@link DpuClusterAccessException} with a message fit for conditions.
   */
  public JoinCommand create(DpuClusterClients.ClusterRef cluster) {
    io.fabric8.kubernetes.api.model.Config kubeconfig = Kubeconfigs.parse(clients.readKubeconfig(cluster));
    String endpoint = Kubeconfigs.endpoint(kubeconfig);
    KubernetesClient client = clients.client(cluster);
    String hash = caCertHash(caData(kubeconfig, client, cluster));
    Instant expiration = clock.instant().plus(TOKEN_TTL).truncatedTo(ChronoUnit.SECONDS);
    for (int attempt = 1; ; attempt++) {
      Token token = newToken();
      try {
        client.secrets().inNamespace("kube-system").resource(tokenSecret(token, expiration)).create();
        return new JoinCommand(command(endpoint, token, hash), token, expiration);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 && attempt < ATTEMPTS) {
          continue; // token id taken: draw another
        }
        throw new DpuClusterAccessException("creating a bootstrap token in DPU cluster " + cluster.namespace() + "/"
            + cluster.name() + " failed: " + ClusterChecks.rootMessage(e), e);
      }
    }
  }

  Token newToken() {
    return new Token(randomString(6), randomString(16));
  }

  private String randomString(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  /** The bootstrap token Secret as {@code kubeadm token create} writes it. */
  static Secret tokenSecret(Token token, Instant expiration) {
    return new SecretBuilder()
        .withNewMetadata().withName(TOKEN_SECRET_PREFIX + token.id()).withNamespace("kube-system").endMetadata()
        .withType(TOKEN_SECRET_TYPE)
        .addToData("description", b64("DPF provisioning: token for a DPU to join this cluster"))
        .addToData("token-id", b64(token.id()))
        .addToData("token-secret", b64(token.secret()))
        .addToData("expiration", b64(DateTimeFormatter.ISO_INSTANT.format(expiration)))
        .addToData("usage-bootstrap-authentication", b64("true"))
        .addToData("usage-bootstrap-signing", b64("true"))
        .addToData("auth-extra-groups", b64(AUTH_EXTRA_GROUPS))
        .build();
  }

  static String command(String endpoint, Token token, String caCertHash) {
    return "kubeadm join " + endpoint + " --token " + token.id() + "." + token.secret()
        + " --discovery-token-ca-cert-hash " + caCertHash + " --v=5";
  }

  /**
   * {@code sha256:<hex>} of the DER-encoded SubjectPublicKeyInfo of the first certificate in the base64 PEM (or DER)
   * data, as kubeadm computes {@code --discovery-token-ca-cert-hash}.
   */
  static String caCertHash(String caDataBase64) {
    try {
      byte[] pem = Base64.getDecoder().decode(caDataBase64.trim());
      X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem));
      byte[] spki = ca.getPublicKey().getEncoded();
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new DpuClusterAccessException("the DPU cluster CA certificate cannot be read ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /** The CA data from the admin kubeconfig, else from {@code kube-public/cluster-info} in the DPU cluster. */
  private static String caData(io.fabric8.kubernetes.api.model.Config kubeconfig, KubernetesClient client,
      DpuClusterClients.ClusterRef cluster) {
    String data = Kubeconfigs.caData(kubeconfig);
    if (data != null && !data.isBlank()) {
      return data;
    }
    ConfigMap info;
    try {
      info = client.configMaps().inNamespace("kube-public").withName("cluster-info").get();
    } catch (KubernetesClientException e) {
      throw new DpuClusterAccessException("reading kube-public/cluster-info of DPU cluster " + cluster.namespace()
          + "/" + cluster.name() + " failed: " + ClusterChecks.rootMessage(e), e);
    }
    if (info != null && info.getData() != null && info.getData().get("kubeconfig") != null) {
      io.fabric8.kubernetes.api.model.Config published =
          KubeConfigUtils.parseConfigFromString(info.getData().get("kubeconfig"));
      if (published.getClusters() != null && !published.getClusters().isEmpty()) {
        String ca = published.getClusters().get(0).getCluster().getCertificateAuthorityData();
        if (ca != null && !ca.isBlank()) {
          return ca;
        }
      }
    }
    throw new DpuClusterAccessException("no CA certificate for DPU cluster " + cluster.namespace() + "/"
        + cluster.name() + ": the admin kubeconfig has no certificate-authority-data and kube-public/cluster-info "
        + "has none either");
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
