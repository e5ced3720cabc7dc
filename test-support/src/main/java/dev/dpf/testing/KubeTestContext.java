package dev.dpf.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a {@link KubeTest} test gets: the control planes, clients and its own namespace. */
public final class KubeTestContext implements AutoCloseable {

  private final ControlPlanes planes;
  private final String namespace;
  private final Map<String, KubernetesClient> clients = new LinkedHashMap<>();

  KubeTestContext(ControlPlanes planes, String namespace) {
    this.planes = planes;
    this.namespace = namespace;
  }

  /**
   * A context outside JUnit (a benchmark's {@code main}): the JVM-wide control planes ({@link ControlPlanes#shared})
   * and {@code namespace}, created in the host cluster now; {@link #close} deletes it.
   */
  public static KubeTestContext open(String namespace) {
    KubeTestContext kube = new KubeTestContext(ControlPlanes.shared(), namespace);
    kube.client();
    return kube;
  }

  /** The namespace of this test (created in the host cluster before the test, deleted after). */
  public String namespace() {
    return namespace;
  }

  public ControlPlanes planes() {
    return planes;
  }

  public LocalControlPlane host() {
    return planes.host();
  }

  /** Administrator client of the host cluster with the test namespace as default namespace. */
  public KubernetesClient client() {
    return clientFor(planes.host());
  }

  /** The {@code index}-th DPU cluster (1-based); the test namespace is created there too. */
  public LocalControlPlane dpuCluster(int index) {
    LocalControlPlane plane = planes.dpuCluster(index);
    clientFor(plane);
    return plane;
  }

  /** Administrator client of a DPU cluster with the test namespace as default namespace. */
  public KubernetesClient dpuClient(int index) {
    return clientFor(planes.dpuCluster(index));
  }

  private synchronized KubernetesClient clientFor(LocalControlPlane plane) {
    return clients.computeIfAbsent(plane.name(), n -> {
      KubernetesClient client = plane.newClient(namespace);
      ensureNamespace(client, namespace);
      return client;
    });
  }

  static void ensureNamespace(KubernetesClient client, String name) {
    if (client.namespaces().withName(name).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
    }
  }

  @Override
  public synchronized void close() {
    for (KubernetesClient client : clients.values()) {
      try {
        client.namespaces().withName(namespace).delete();
      } catch (RuntimeException e) {
        // the namespace may already be gone
      }
      client.close();
    }
    clients.clear();
  }
}
