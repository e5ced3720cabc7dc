package dev.dpf.dpuservice.dpuservice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Multus network selection annotation {@code k8s.v1.cni.cncf.io/networks} of a DPUService (reference 10.5):
 * the user's elements merged with the ones derived from its DPUServiceInterfaces. Pure.
 *
 * <p>Elements are written in Multus' field order ({@code name, namespace, ips, mac, infiniband-guid, interface,
 * portMappings, bandwidth, cni-args, default-route, ipam-claim-reference}), fields Multus does not define after
 * them in the user's order, nested objects with sorted keys; so the value is stable between reconciles.
 */
public final class MultusNetworks {

  /** Multus NetworkSelectionElement JSON field order. */
  static final List<String> FIELD_ORDER = List.of("name", "namespace", "ips", "mac", "infiniband-guid",
      "interface", "portMappings", "bandwidth", "cni-args", "default-route", "ipam-claim-reference");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A network derived from a DPUServiceInterface: {@code service.network} split into namespace/name. */
  public record Derived(String name, String namespace, String interfaceName) {

    /** From {@code service.network} ({@code name} or {@code namespace/name}; anything else gives an empty name). */
    public static Derived of(String network, String interfaceName) {
      String name = "";
      String namespace = "";
      if (network != null && !network.isEmpty()) {
        String[] parts = network.split("/", -1);
        if (parts.length == 1) {
          name = parts[0];
        } else if (parts.length == 2) {
          namespace = parts[0];
          name = parts[1];
        }
      }
      return new Derived(name, namespace, interfaceName == null ? "" : interfaceName);
    }

    ObjectNode toNode() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("name", name);
      if (!namespace.isEmpty()) {
        node.put("namespace", namespace);
      }
      if (!interfaceName.isEmpty()) {
        node.put("interface", interfaceName);
      }
      return node;
    }
  }

  /** The user's annotation value is not a JSON list of objects. */
  public static final class InvalidNetworksException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidNetworksException(String message) {
      super(message);
    }
  }

  private MultusNetworks() {}

  /**
   * Merges: each user element whose {@code interface} matches a derived one starts from the derived element and
   * overlays the user's non-empty fields; other user elements stay as they are; unmatched derived elements are
   * appended; the list is sorted by name, then interface. Returns compact JSON.
   */
  public static String merge(String existing, List<Derived> derived) throws InvalidNetworksException {
    Map<String, Derived> byInterface = new LinkedHashMap<>();
    for (Derived d : derived) {
      byInterface.put(d.interfaceName(), d);
    }
    List<ObjectNode> result = new ArrayList<>();
    for (ObjectNode user : parse(existing)) {
      Derived match = byInterface.remove(text(user, "interface"));
      if (match == null) {
        result.add(user);
        continue;
      }
      ObjectNode merged = match.toNode();
      user.fields().forEachRemaining(f -> {
        if (!isEmpty(f.getValue())) {
          merged.set(f.getKey(), f.getValue());
        }
      });
      result.add(merged);
    }
    byInterface.values().forEach(d -> result.add(d.toNode()));
    result.sort(Comparator.comparing((ObjectNode n) -> text(n, "name")).thenComparing(n -> text(n, "interface")));
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    result.forEach(n -> out.add(canonical(n)));
    return out.toString();
  }

  private static List<ObjectNode> parse(String existing) throws InvalidNetworksException {
    List<ObjectNode> list = new ArrayList<>();
    if (existing == null || existing.isBlank()) {
      return list;
    }
    JsonNode node;
    try {
      node = JSON.readTree(existing);
    } catch (JsonProcessingException e) {
      throw new InvalidNetworksException("failed to unmarshal existing networks: " + e.getOriginalMessage()
          + ", expected format is a list of objects");
    }
    if (node == null || !node.isArray()) {
      throw new InvalidNetworksException("failed to unmarshal existing networks: not a JSON list, expected format "
          + "is a list of objects");
    }
    for (JsonNode element : node) {
      if (!element.isObject()) {
        throw new InvalidNetworksException("failed to unmarshal existing networks: element " + element
            + " is not an object, expected format is a list of objects");
      }
      list.add((ObjectNode) element);
    }
    return list;
  }

  /** Multus field order first, other fields after; nested objects with sorted keys (as Go writes maps). */
  private static ObjectNode canonical(ObjectNode element) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (!element.has("name")) {
      out.put("name", "");
    }
    for (String field : FIELD_ORDER) {
      if (element.has(field) && !(isEmpty(element.get(field)) && !"name".equals(field))) {
        out.set(field, sorted(element.get(field)));
      }
    }
    element.fields().forEachRemaining(f -> {
      if (!FIELD_ORDER.contains(f.getKey())) {
        out.set(f.getKey(), sorted(f.getValue()));
      }
    });
    return out;
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> fields = new TreeMap<>();
      node.fields().forEachRemaining(f -> fields.put(f.getKey(), sorted(f.getValue())));
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      fields.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        out.add(sorted(it.next()));
      }
      return out;
    }
    return node;
  }

  private static boolean isEmpty(JsonNode v) {
    return v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())
        || (v.isContainerNode() && v.isEmpty());
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }
}
