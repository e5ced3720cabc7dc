package dev.dpf.dpuservice.dpudeployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Templating of DPUServiceConfiguration values (reference dpuservice.md 12.9). Upstream renders the whole values
 * document as YAML text; here every string (map keys included) that contains the opening delimiter is rendered on
 * its own, which gives the same result for templates inside scalar values (the documented use) and cannot break the
 * document structure. Pure.
 */
public final class ValueTemplating {

  private ValueTemplating() {}

  /** A rendered copy of {@code values}; {@code delimiters} is {@code [open, close]}. */
  public static Map<String, Object> render(Map<String, Object> values, List<String> delimiters, Object data)
      throws GoTemplates.TemplateException {
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) walk(values, delimiters, data);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object walk(Object value, List<String> d, Object data) throws GoTemplates.TemplateException {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        out.put((String) walk(e.getKey(), d, data), walk(e.getValue(), d, data));
      }
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object item : l) {
        out.add(walk(item, d, data));
      }
      return out;
    }
    if (value instanceof String s && GoTemplates.hasAction(s, d.get(0))) {
      return GoTemplates.render(s, d.get(0), d.get(1), data);
    }
    return value;
  }
}
