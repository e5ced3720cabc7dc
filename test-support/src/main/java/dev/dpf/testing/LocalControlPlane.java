package dev.dpf.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A real Kubernetes control plane on loopback: kube-apiserver (RBAC authorization, its own CA, a service-account
 * signing key) on a shared etcd, and optionally kube-controller-manager (garbage collection, namespace deletion,
 * service accounts, workload controllers). This is what envtest provides to Go operators.
 */
public final class LocalControlPlane implements AutoCloseable {

  /** Client certificates in this group are cluster administrators (bootstrap RBAC). */
  public static final String MASTERS = "system:masters";

  private final String name;
  private final Path workDir;
  private final Pki.CertKey ca;
  private final int port;
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final String adminKubeconfig;
  private volatile KubernetesClient adminClient;

  private LocalControlPlane(String name, Path workDir, Pki.CertKey ca, int port) {
    this.name = name;
    this.workDir = workDir;
    this.ca = ca;
    this.port = port;
    this.adminKubeconfig = kubeconfigFor("admin", MASTERS);
  }

  /**
   * Starts an API server named {@code name} on {@code etcd} (key prefix {@code /<name>}), waits until /readyz passes
   * and, if asked, starts a controller manager for it.
   */
  public static LocalControlPlane start(String name, Etcd etcd, Path workDir, boolean controllerManager) {
    long started = System.nanoTime();
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Pki.CertKey ca = Pki.newCa(name + "-ca");
    int port = Ports.free();
    LocalControlPlane plane = new LocalControlPlane(name, workDir, ca, port);
    try {
      plane.startApiServer(etcd);
      plane.awaitReady();
      if (controllerManager) {
        plane.startControllerManager();
      }
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
    System.err.printf("[control-plane] %s ready at %s in %d ms%n", name, plane.url(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return plane;
  }

  private void startApiServer(Etcd etcd) {
    Pki.CertKey serving = Pki.issue(ca, "CN=kube-apiserver",
        List.of("127.0.0.1", "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"), true,
        Duration.ofDays(365));
    Pki.CertKey serviceAccount = new Pki.CertKey(null, Pki.newKeyPair());
    write("ca.crt", ca.certPem());
    write("ca.key", ca.keyPem());
    write("apiserver.crt", serving.certPem());
    write("apiserver.key", serving.keyPem());
    write("sa.key", serviceAccount.keyPem());
    write("sa.pub", serviceAccount.publicKeyPem());
    write("admin.kubeconfig", adminKubeconfig);
    processes.add(ManagedProcess.start(name + "-kube-apiserver", List.of(
        ControlPlaneAssets.binary("kube-apiserver").toString(),
        "--etcd-servers=" + etcd.url(),
        "--etcd-prefix=/" + name,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        "--secure-port=" + port,
        "--cert-dir=" + workDir.resolve("certs"),
        "--tls-cert-file=" + workDir.resolve("apiserver.crt"),
        "--tls-private-key-file=" + workDir.resolve("apiserver.key"),
        "--client-ca-file=" + workDir.resolve("ca.crt"),
        "--service-account-issuer=https://kubernetes.default.svc",
        "--service-account-key-file=" + workDir.resolve("sa.pub"),
        "--service-account-signing-key-file=" + workDir.resolve("sa.key"),
        "--authorization-mode=RBAC",
        "--service-cluster-ip-range=10.96.0.0/16",
        "--allow-privileged=true",
        "--disable-admission-plugins=ServiceAccount",
        "--enable-priority-and-fairness=false",
        "--endpoint-reconciler-type=none",
        "--v=0"), workDir.resolve("kube-apiserver.log")));
  }

  private void startControllerManager() {
    processes.add(ManagedProcess.start(name + "-kube-controller-manager", List.of(
        ControlPlaneAssets.binary("kube-controller-manager").toString(),
        "--kubeconfig=" + workDir.resolve("admin.kubeconfig"),
        "--secure-port=0",
        "--leader-elect=false",
        // no kubelets: node lifecycle would mark simulated nodes unreachable and taint them
        "--controllers=*,-nodelifecycle,-cloud-node-lifecycle,-nodeipam,-ttl",
        "--service-account-private-key-file=" + workDir.resolve("sa.key"),
        "--root-ca-file=" + workDir.resolve("ca.crt"),
        "--cluster-signing-cert-file=" + workDir.resolve("ca.crt"),
        "--cluster-signing-key-file=" + workDir.resolve("ca.key"),
        "--use-service-account-credentials=false",
        "--concurrent-gc-syncs=10",
        "--v=0"), workDir.resolve("kube-controller-manager.log")));
  }

  private void awaitReady() {
    ManagedProcess apiServer = processes.get(0);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    KubernetesClient client = adminClient();
    String last = "";
    while (System.nanoTime() < deadline) {
      apiServer.checkAlive();
      try {
        String body = client.raw("/readyz");
        if (body != null && body.trim().equals("ok")) {
          return;
        }
        last = String.valueOf(body);
      } catch (KubernetesClientException e) {
        last = e.getMessage();
      }
      Etcd.sleep(100);
    }
    throw new IllegalStateException("kube-apiserver " + name + " not ready: " + last + "\n" + apiServer.tail(30));
  }

  /** A name for logs and kubeconfig contexts. */
  public String name() {
    return name;
  }

  /** https://127.0.0.1:port */
  public String url() {
    return "https://127.0.0.1:" + port;
  }

  public Pki.CertKey ca() {
    return ca;
  }

  public Path workDir() {
    return workDir;
  }

  /** A kubeconfig (one cluster, one user, one context) for a cluster administrator. */
  public String adminKubeconfig() {
    return adminKubeconfig;
  }

  /** The administrator kubeconfig as a file (also what the hack/ script prints). */
  public Path adminKubeconfigFile() {
    return workDir.resolve("admin.kubeconfig");
  }

  /**
   * A kubeconfig that authenticates with a client certificate for {@code user} in {@code groups}; RBAC decides
   * what it may do.
   */
  public String kubeconfigFor(String user, String... groups) {
    StringBuilder subject = new StringBuilder("CN=").append(user);
    for (String group : groups) {
      subject.append(",O=").append(group);
    }
    Pki.CertKey client = Pki.issue(ca, subject.toString(), List.of(), false, Duration.ofDays(365));
    Base64.Encoder b64 = Base64.getEncoder();
    return String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: " + name,
        "  cluster:",
        "    server: " + url(),
        "    certificate-authority-data: " + b64.encodeToString(ca.certPem().getBytes(StandardCharsets.UTF_8)),
        "users:",
        "- name: " + user,
        "  user:",
        "    client-certificate-data: " + b64.encodeToString(client.certPem().getBytes(StandardCharsets.UTF_8)),
        "    client-key-data: " + b64.encodeToString(client.keyPem().getBytes(StandardCharsets.UTF_8)),
        "contexts:",
        "- name: " + name,
        "  context:",
        "    cluster: " + name,
        "    user: " + user,
        "current-context: " + name,
        "");
  }

  /** fabric8 client configuration for the administrator. */
  public Config adminConfig() {
    return configFor(adminKubeconfig, null);
  }

  /** Client configuration from a kubeconfig, optionally with a default namespace. */
  public static Config configFor(String kubeconfig, String namespace) {
    Config config = Config.fromKubeconfig(kubeconfig);
    if (namespace != null) {
      config.setNamespace(namespace);
    }
    config.setRequestRetryBackoffLimit(3);
    return config;
  }

  /** A shared administrator client; do not close it. */
  public KubernetesClient adminClient() {
    KubernetesClient client = adminClient;
    if (client == null) {
      synchronized (this) {
        if (adminClient == null) {
          adminClient = new KubernetesClientBuilder().withConfig(adminConfig()).build();
        }
        client = adminClient;
      }
    }
    return client;
  }

  /** A new administrator client whose default namespace is {@code namespace}; the caller closes it. */
  public KubernetesClient newClient(String namespace) {
    return new KubernetesClientBuilder().withConfig(configFor(adminKubeconfig, namespace)).build();
  }

  /** Creates or replaces the CRDs and waits until each is Established. */
  public void installCrds(Collection<CustomResourceDefinition> crds) {
    KubernetesClient client = adminClient();
    for (CustomResourceDefinition crd : crds) {
      crd.getMetadata().setResourceVersion(null);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).forceConflicts().serverSideApply();
    }
    for (CustomResourceDefinition crd : crds) {
      client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
          .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
              && c.getStatus().getConditions().stream()
                  .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())),
              60, TimeUnit.SECONDS);
    }
  }

  private void write(String file, String content) {
    try {
      Files.writeString(workDir.resolve(file), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Process identifiers, for diagnostics. */
  public List<String> processes() {
    return processes.stream().map(Objects::toString).toList();
  }

  @Override
  public void close() {
    KubernetesClient client = adminClient;
    if (client != null) {
      client.close();
    }
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }
}
