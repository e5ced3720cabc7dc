package dev.dpf.dpfctl.source;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/**
 * Where dpfctl reads objects from: the API server ({@link KubernetesObjectSource}) or a recorded set of objects
 * ({@link YamlObjectSource}, used by the golden tests). dpfctl only lists; it never writes.
 */
public interface ObjectSource {

  /**
   * Every object of {@code kind}, with status; in {@code namespace} only when it is not null. A kind whose API is
   * not installed (e.g. no Kamaji) yields an empty list.
   *
   * @throws SourceException when the objects cannot be read (connection, authorisation)
   */
  List<GenericKubernetesResource> list(ResourceKind kind, String namespace);

  /** A failure to read objects, with a message for the user. */
  final class SourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SourceException(String message, Throwable cause) {
      super(message, cause);
    }

    public SourceException(String message) {
      super(message);
    }
  }
}
