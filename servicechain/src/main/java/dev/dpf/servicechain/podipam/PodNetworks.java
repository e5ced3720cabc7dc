package dev.dpf.servicechain.podipam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The multus network-selection annotation ({@code k8s.v1.cni.cncf.io/networks}) of a pod and its rewrite with NVIPAM
 * {@code cni-args} (reference §3.4 step 6). Pure functions.
 */
public final class PodNetworks {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A pool chosen for one pod interface. */
  public record Pool(String name, String type, boolean defaultGateway) {
    public static final String IPPOOL = "ippool";
    public static final String CIDRPOOL = "cidrpool";
  }

  private PodNetworks() {}

  /**
   * The elements of the annotation when it is a JSON list of objects; empty for the short text form
   * ({@code net1,net2@if}), which carries no {@code cni-args} and is left alone.
   */
  public static Optional<ArrayNode> parse(String annotation) {
    if (annotation == null || annotation.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(annotation);
      if (node instanceof ArrayNode array) {
        for (JsonNode element : array) {
          if (!element.isObject()) {
            return Optional.empty();
          }
        }
        return Optional.of(array);
      }
      return Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** The requested interface names; {@code null} in the set stands for an element without {@code interface}. */
  public static Set<String> interfaces(ArrayNode elements) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode element : elements) {
      JsonNode name = element.get("interface");
      names.add(name == null || name.asText().isEmpty() ? null : name.asText());
    }
    return names;
  }

  /**
   * The annotation with {@code cni-args = {allocateDefaultGateway, poolNames: [pool], poolType}} on every element whose
   * interface has a pool; other elements and fields unchanged.
   */
  public static String rewrite(ArrayNode elements, Map<String, Pool> pools) {
    ArrayNode out = elements.deepCopy();
    for (JsonNode element : out) {
      JsonNode name = element.get("interface");
      Pool pool = name == null ? null : pools.get(name.asText());
      if (pool == null) {
        continue;
      }
      ObjectNode args = JSON.createObjectNode();
      args.put("allocateDefaultGateway", pool.defaultGateway());
      args.putArray("poolNames").add(pool.name());
      args.put("poolType", pool.type());
      ((ObjectNode) element).set("cni-args", args);
    }
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
