package dev.dpf.dpfctl.source;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.HttpURLConnection;
import java.util.List;

/**
 * Lists objects from the API server, untyped. Needs {@code list} on every kind of {@link Kinds#ALL} (the user
 * guide has the ClusterRole); a kind whose API is not served (e.g. Kamaji not installed) reads as empty.
 */
public final class KubernetesObjectSource implements ObjectSource, AutoCloseable {

  private final KubernetesClient client;

  public KubernetesObjectSource(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public List<GenericKubernetesResource> list(ResourceKind kind, String namespace) {
    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
        .withGroup(kind.group())
        .withVersion(kind.version())
        .withKind(kind.kind())
        .withPlural(kind.plural())
        .withNamespaced(kind.namespaced())
        .build();
    try {
      var resources = client.genericKubernetesResources(context);
      if (!kind.namespaced()) {
        return resources.list().getItems();
      }
      return namespace == null
          ? resources.inAnyNamespace().list().getItems()
          : resources.inNamespace(namespace).list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return List.of();
      }
      String reason = e.getStatus() != null && e.getStatus().getMessage() != null
          ? e.getStatus().getMessage()
          : rootMessage(e);
      throw new SourceException("cannot list " + kind + (namespace == null ? "" : " in namespace " + namespace)
          + ": " + reason, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void close() {
    client.close();
  }
}
