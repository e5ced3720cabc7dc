package dev.dpf.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.function.UnaryOperator;

/**
 * Edits of objects a running controller also writes (finalizers, annotations): the test's read-modify-write can
 * lose the optimistic-lock race, so it is retried on 409 Conflict, as any client of Kubernetes must.
 */
public final class Edits {

  private Edits() {}

  public static <T extends HasMetadata> T edit(Resource<T> resource, UnaryOperator<T> change) {
    KubernetesClientException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        return resource.edit(change);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        last = e;
        Etcd.sleep(50L * (attempt + 1));
      }
    }
    throw last;
  }
}
