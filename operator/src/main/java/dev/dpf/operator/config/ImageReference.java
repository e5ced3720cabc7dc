package dev.dpf.operator.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An image reference split into the {@code repository}/{@code tag} pair Helm charts take. Upstream splits at the
 * first {@code :} (a registry port breaks it, reference §8.9); here the tag is after the last {@code :} that follows
 * the last {@code /}, so {@code registry:5000/dpf-system:v1} works. A digest stays with the tag
 * ({@code repo:v1@sha256:...} → tag {@code v1@sha256:...}), so {@code <repository>:<tag>} is the same reference.
 */
public record ImageReference(String repository, String tag) {

  public static ImageReference parse(String image) {
    String name = image;
    String digest = null;
    int at = image.indexOf('@');
    if (at >= 0) {
      name = image.substring(0, at);
      digest = image.substring(at + 1);
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon <= slash || colon == name.length() - 1 || colon == 0) {
      throw new IllegalArgumentException(
          "image must be in the format 'image:tag' and must always contain a colon. input: " + image);
    }
    String tag = name.substring(colon + 1);
    return new ImageReference(name.substring(0, colon), digest == null ? tag : tag + "@" + digest);
  }

  /** {@code {repository: ..., tag: ...}}, the value shape of every image in the DPU-side charts. */
  public Map<String, Object> values() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("repository", repository);
    m.put("tag", tag);
    return m;
  }

  @Override
  public String toString() {
    return repository + ":" + tag;
  }
}
