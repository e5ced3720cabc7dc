package dev.dpf.dpusim;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What cloud-init and {@code kubeadm join} do on a freshly flashed DPU, in the simulator: read the hostname and the
 * join command from the bf.cfg, check the bootstrap token and the discovery CA hash against the DPU cluster the way
 * kubeadm's token discovery does, and register the Node as a kubelet would (Ready, the usual kubelet labels, arm64).
 */
final class KubeadmJoin {

  static final String TOKEN_SECRET_TYPE = "bootstrap.kubernetes.io/token";

  private static final Pattern HOSTNAME = Pattern.compile(
      "hostnamectl['\"]?[\\s,]+['\"]?set-hostname['\"]?[\\s,]+['\"]?([A-Za-z0-9.\\-]+)");
  private static final Pattern JOIN = Pattern.compile("kubeadm\\s+join\\s+(\\S+)[^\\n]*");
  private static final Pattern TOKEN = Pattern.compile("--token[\\s=]+([a-z0-9]{6})\\.([a-z0-9]{16})\\b");
  private static final Pattern CA_HASH = Pattern.compile(
      "--discovery-token-ca-cert-hash[\\s=]+(sha256:[0-9a-fA-F]{64})\\b");

  /** The join parameters found in a bf.cfg (the token secret is never logged). */
  record Spec(String hostname, String endpoint, String tokenId, String tokenSecret, String caCertHash) {
    @Override
    public String toString() {
      return "Spec[hostname=" + hostname + ", endpoint=" + endpoint + ", tokenId=" + tokenId + ", caCertHash="
          + caCertHash + "]";
    }
  }

  /** Why a join was refused. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message);
    }
  }

  private KubeadmJoin() {}

  /** Hostname and {@code kubeadm join <host:port> --token <id>.<secret> --discovery-token-ca-cert-hash sha256:<h>}. */
  static Spec parse(String text) throws Rejected {
    String bfCfg = text.replace("\\\n", " ");
    Matcher hostname = HOSTNAME.matcher(bfCfg);
    if (!hostname.find()) {
      throw new Rejected("bf.cfg sets no hostname (hostnamectl set-hostname)");
    }
    Matcher join = JOIN.matcher(bfCfg);
    if (!join.find()) {
      throw new Rejected("bf.cfg contains no kubeadm join command");
    }
    String line = join.group();
    Matcher token = TOKEN.matcher(line);
    if (!token.find()) {
      throw new Rejected("the kubeadm join command has no valid --token <id>.<secret>");
    }
    Matcher hash = CA_HASH.matcher(line);
    if (!hash.find()) {
      throw new Rejected("the kubeadm join command has no --discovery-token-ca-cert-hash sha256:<hex>");
    }
    return new Spec(hostname.group(1), join.group(1), token.group(1), token.group(2),
        hash.group(1).toLowerCase(java.util.Locale.ROOT));
  }

  /** Checks the token and the CA pin against {@code cluster}, then registers (or refreshes) the Node. */
  static Node join(KubernetesClient cluster, Spec spec, String internalIp, Clock clock) throws Rejected {
    try {
      verifyToken(cluster, spec, clock);
      verifyCaHash(cluster, spec);
      return registerNode(cluster, spec.hostname(), internalIp, clock);
    } catch (KubernetesClientException e) {
      throw new Rejected("DPU cluster at " + spec.endpoint() + " answered " + e.getCode() + ": "
          + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage()));
    }
  }

  private static void verifyToken(KubernetesClient cluster, Spec spec, Clock clock) throws Rejected {
    String name = "bootstrap-token-" + spec.tokenId();
    Secret secret = cluster.secrets().inNamespace("kube-system").withName(name).get();
    if (secret == null) {
      throw new Rejected("bootstrap token \"" + spec.tokenId() + "\" not found (no Secret kube-system/" + name + ")");
    }
    if (!TOKEN_SECRET_TYPE.equals(secret.getType())) {
      throw new Rejected("Secret kube-system/" + name + " is not of type " + TOKEN_SECRET_TYPE);
    }
    Map<String, String> data = decoded(secret);
    if (!spec.tokenId().equals(data.get("token-id")) || !spec.tokenSecret().equals(data.get("token-secret"))) {
      throw new Rejected("bootstrap token \"" + spec.tokenId() + "\" does not match the Secret (wrong token secret)");
    }
    if (!"true".equals(data.get("usage-bootstrap-authentication"))) {
      throw new Rejected("bootstrap token \"" + spec.tokenId() + "\" may not be used for authentication");
    }
    String expiration = data.get("expiration");
    if (expiration != null) {
      try {
        if (!Instant.parse(expiration).isAfter(clock.instant())) {
          throw new Rejected("bootstrap token \"" + spec.tokenId() + "\" expired at " + expiration);
        }
      } catch (DateTimeParseException e) {
        throw new Rejected("bootstrap token \"" + spec.tokenId() + "\" has an invalid expiration");
      }
    }
  }

  /** The pin is SHA-256 over the DER SubjectPublicKeyInfo of a cluster CA certificate. */
  private static void verifyCaHash(KubernetesClient cluster, Spec spec) throws Rejected {
    List<X509Certificate> cas = clusterCas(cluster);
    List<String> hashes = new ArrayList<>();
    for (X509Certificate ca : cas) {
      hashes.add(caCertHash(ca));
    }
    if (!hashes.contains(spec.caCertHash())) {
      throw new Rejected("cluster CA doesn't match --discovery-token-ca-cert-hash " + spec.caCertHash()
          + " (the cluster CA pins to " + String.join(", ", hashes) + ")");
    }
  }

  static String caCertHash(X509Certificate ca) {
    try {
      return "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(ca.getPublicKey().getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The cluster CA as kubeadm discovers it: from the kubeconfig in {@code kube-public/cluster-info} when the cluster
   * has one (kubeadm and Kamaji clusters), else the CA this client trusts for the endpoint.
   */
  private static List<X509Certificate> clusterCas(KubernetesClient cluster) throws Rejected {
    ConfigMap info = cluster.configMaps().inNamespace("kube-public").withName("cluster-info").get();
    if (info != null && info.getData() != null && info.getData().get("kubeconfig") != null) {
      io.fabric8.kubernetes.api.model.Config kubeconfig = new KubernetesSerialization()
          .unmarshal(info.getData().get("kubeconfig"), io.fabric8.kubernetes.api.model.Config.class);
      if (kubeconfig.getClusters() != null && !kubeconfig.getClusters().isEmpty()
          && kubeconfig.getClusters().get(0).getCluster().getCertificateAuthorityData() != null) {
        return certificates(Base64.getDecoder().decode(
            kubeconfig.getClusters().get(0).getCluster().getCertificateAuthorityData()));
      }
    }
    Config config = cluster.getConfiguration();
    try {
      if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
        return certificates(Base64.getDecoder().decode(config.getCaCertData()));
      }
      if (config.getCaCertFile() != null) {
        return certificates(Files.readAllBytes(Path.of(config.getCaCertFile())));
      }
    } catch (IOException e) {
      throw new Rejected("cannot read the DPU cluster CA: " + e.getMessage());
    }
    throw new Rejected("the DPU cluster CA is unknown (no kube-public/cluster-info, no CA in the client)");
  }

  private static List<X509Certificate> certificates(byte[] pem) throws Rejected {
    try {
      List<X509Certificate> result = new ArrayList<>();
      for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
        result.add((X509Certificate) cert);
      }
      return result;
    } catch (CertificateException e) {
      throw new Rejected("cannot parse the DPU cluster CA: " + e.getMessage());
    }
  }

  private static Map<String, String> decoded(Secret secret) {
    Map<String, String> result = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> result.put(k,
          new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      result.putAll(secret.getStringData());
    }
    return result;
  }

  /** What kubelet registers for a BlueField-3 Arm (16 cores, 32 GiB) running the DOCA Ubuntu image. */
  private static Node registerNode(KubernetesClient cluster, String hostname, String internalIp, Clock clock) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", hostname);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "arm64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("beta.kubernetes.io/arch", "arm64");
    Map<String, String> annotations = Map.of(
        "kubeadm.alpha.kubernetes.io/cri-socket", "unix:///run/containerd/containerd.sock",
        "node.alpha.kubernetes.io/ttl", "0",
        "volumes.kubernetes.io/controller-managed-attach-detach", "true");
    Node existing = cluster.nodes().withName(hostname).get();
    if (existing == null) {
      cluster.nodes().resource(new NodeBuilder().withNewMetadata().withName(hostname).withLabels(labels)
          .withAnnotations(annotations).endMetadata().withNewSpec().endSpec().build()).create();
    } else {
      cluster.nodes().withName(hostname).edit(n -> {
        n.getMetadata().getLabels().putAll(labels);
        return n;
      });
    }
    String now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    String version = cluster.getKubernetesVersion().getGitVersion();
    Map<String, Quantity> capacity = Map.of("cpu", new Quantity("16"), "memory", new Quantity("32Gi"),
        "pods", new Quantity("110"), "ephemeral-storage", new Quantity("100Gi"));
    NodeStatus status = new NodeStatusBuilder()
        .withConditions(
            condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
            condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
            condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
            condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now))
        .addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress()
        .addNewAddress().withType("Hostname").withAddress(hostname).endAddress()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .withNewNodeInfo()
          .withArchitecture("arm64").withOperatingSystem("linux").withOsImage("Ubuntu 22.04.5 LTS")
          .withKernelVersion("5.15.0-1060-bluefield").withContainerRuntimeVersion("containerd://1.7.27")
          .withKubeletVersion(version).withKubeProxyVersion(version)
          .withMachineID(UUID.nameUUIDFromBytes(hostname.getBytes(StandardCharsets.UTF_8)).toString().replace("-", ""))
          .withSystemUUID(UUID.nameUUIDFromBytes(("uuid-" + hostname).getBytes(StandardCharsets.UTF_8)).toString())
          .withBootID(UUID.randomUUID().toString())
        .endNodeInfo()
        .build();
    return cluster.nodes().withName(hostname).editStatus(n -> {
      n.setStatus(status);
      return n;
    });
  }

  private static NodeCondition condition(String type, String status, String reason, String message, String now) {
    return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastHeartbeatTime(now).withLastTransitionTime(now).build();
  }
}
