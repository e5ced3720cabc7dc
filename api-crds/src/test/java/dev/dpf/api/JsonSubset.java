package dev.dpf.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Compares JSON trees: is everything in {@code expected} present and equal in {@code actual}? */
final class JsonSubset {

  private JsonSubset() {}

  /** The paths where {@code actual} lacks or differs from {@code expected}; empty when it is a superset. */
  static List<String> differences(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    compare("", expected, actual, out);
    return out;
  }

  private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (actual == null || actual.isMissingNode()) {
      if (!expected.isNull()) {
        out.add(path + ": missing (expected " + expected + ")");
      }
      return;
    }
    if (expected.isObject()) {
      if (!actual.isObject()) {
        out.add(path + ": expected an object, got " + actual);
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        compare(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()), out);
      }
    } else if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        out.add(path + ": expected " + expected + ", got " + actual);
        return;
      }
      for (int i = 0; i < expected.size(); i++) {
        compare(path + "[" + i + "]", expected.get(i), actual.get(i), out);
      }
    } else if (expected.isNumber() && actual.isNumber()) {
      if (new BigDecimal(expected.asText()).compareTo(new BigDecimal(actual.asText())) != 0) {
        out.add(path + ": expected " + expected + ", got " + actual);
      }
    } else if (!expected.equals(actual)) {
      out.add(path + ": expected " + expected + ", got " + actual);
    }
  }
}
