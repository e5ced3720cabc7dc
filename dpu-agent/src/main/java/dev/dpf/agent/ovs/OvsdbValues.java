package dev.dpf.agent.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading and writing OVSDB's JSON notation of atoms, sets and maps (RFC 7047 §5.1). */
final class OvsdbValues {

  private OvsdbValues() {}

  /** The atoms of a set column ({@code ["set", [...]]} or a single atom); uuids as their string. */
  static List<String> set(JsonNode value) {
    List<String> result = new ArrayList<>();
    if (value == null || value.isNull() || value.isMissingNode()) {
      return result;
    }
    if (value.isArray() && value.size() == 2 && "set".equals(value.get(0).asText())) {
      value.get(1).forEach(a -> result.add(atom(a)));
    } else {
      result.add(atom(value));
    }
    return result;
  }

  static String atom(JsonNode atom) {
    if (atom.isArray() && atom.size() == 2 && ("uuid".equals(atom.get(0).asText())
        || "named-uuid".equals(atom.get(0).asText()))) {
      return atom.get(1).asText();
    }
    return atom.asText();
  }

  /** A map column as a sorted map. */
  static Map<String, String> map(JsonNode value) {
    Map<String, String> result = new TreeMap<>();
    if (value != null && value.isArray() && value.size() == 2 && "map".equals(value.get(0).asText())) {
      value.get(1).forEach(pair -> result.put(atom(pair.get(0)), atom(pair.get(1))));
    }
    return result;
  }

  /** An optional integer column ({@code ["set", []]} when empty). */
  static Long optionalLong(JsonNode value) {
    if (value == null || !value.isNumber()) {
      List<String> atoms = set(value);
      return atoms.isEmpty() ? null : Long.valueOf(atoms.get(0));
    }
    return value.asLong();
  }

  /** An optional string column. */
  static String optionalString(JsonNode value) {
    if (value == null || value.isTextual()) {
      return value == null ? null : value.asText();
    }
    List<String> atoms = set(value);
    return atoms.isEmpty() ? null : atoms.get(0);
  }

  static ArrayNode mapValue(ObjectMapper mapper, Map<String, String> map) {
    ArrayNode pairs = mapper.createArrayNode();
    new LinkedHashMap<>(map).forEach((k, v) -> pairs.add(mapper.createArrayNode().add(k).add(v)));
    return mapper.createArrayNode().add("map").add(pairs);
  }

  static ArrayNode stringSet(ObjectMapper mapper, Iterable<String> values) {
    ArrayNode atoms = mapper.createArrayNode();
    values.forEach(atoms::add);
    return mapper.createArrayNode().add("set").add(atoms);
  }

  static ArrayNode uuid(ObjectMapper mapper, String kind, String uuid) {
    return mapper.createArrayNode().add(kind).add(uuid);
  }
}
