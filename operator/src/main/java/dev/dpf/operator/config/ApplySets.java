package dev.dpf.operator.config;

import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * ApplySet identities (Kubernetes KEP 3659 as upstream uses it, reference §4.7): one parent Secret
 * {@code <component>-applyset} per component, its id, and the inventory of member objects.
 */
public final class ApplySets {

  private ApplySets() {}

  /** Name of the parent Secret of a component. */
  public static String parentName(String component) {
    return component + OperatorLabels.APPLYSET_PARENT_SUFFIX;
  }

  /**
   * {@code applyset-} + base64url-without-padding(SHA-256({@code <component>-applyset.<namespace>.Secret.})) +
   * {@code -v1}.
   */
  public static String id(String component, String namespace) {
    String key = parentName(component) + "." + namespace + ".Secret.";
    try {
      byte[] sum = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "applyset-" + Base64.getUrlEncoder().withoutPadding().encodeToString(sum) + "-v1";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One inventory entry: {@code <Kind>.<group>/<name>.<namespace>} (core group empty, cluster scope: no namespace). */
  public static String entry(String kind, String group, String name, String namespace) {
    return kind + "." + (group == null ? "" : group) + "/" + name + "." + (namespace == null ? "" : namespace);
  }

  public static String entry(HasMetadata object) {
    String apiVersion = object.getApiVersion();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return entry(object.getKind(), group, object.getMetadata().getName(), object.getMetadata().getNamespace());
  }

  /** The inventory annotation: entries sorted alphabetically, comma-joined. */
  public static String inventory(Collection<String> entries) {
    return String.join(",", new TreeSet<>(entries));
  }

  /** The entries of an inventory annotation (empty for null or ""). */
  public static List<String> parseInventory(String inventory) {
    List<String> out = new ArrayList<>();
    if (inventory == null || inventory.isBlank()) {
      return out;
    }
    for (String e : inventory.split(",")) {
      if (!e.isBlank()) {
        out.add(e.trim());
      }
    }
    return out;
  }

  /** An inventory entry split into its parts. */
  public record Entry(String kind, String group, String name, String namespace) {

    /**
     * Parses {@code <Kind>.<group>/<name>.<namespace>}: the kind ends at the first dot, the group at the first slash,
     * the namespace follows the last dot (names may contain dots, namespaces may not).
     */
    public static Entry parse(String entry) {
      int dot = entry.indexOf('.');
      int slash = entry.indexOf('/');
      int last = entry.lastIndexOf('.');
      if (dot < 1 || slash < dot || last <= slash) {
        throw new IllegalArgumentException("malformed ApplySet inventory entry " + entry);
      }
      String namespace = entry.substring(last + 1);
      return new Entry(entry.substring(0, dot), entry.substring(dot + 1, slash), entry.substring(slash + 1, last),
          namespace.isEmpty() ? null : namespace);
    }

    public String apiGroupPrefix() {
      return group.isEmpty() ? "" : group + "/";
    }
  }
}
