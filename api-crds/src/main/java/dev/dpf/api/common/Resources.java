package dev.dpf.api.common;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resource lists. The model stores them as {@code Map<String, IntOrString>} (schema: int-or-string, like
 * Kubernetes' ResourceList) so that {@code nvidia.com/bf_sf: 3} and {@code cpu: "16"} are written back exactly as
 * read; arithmetic converts to {@link Quantity}.
 */
public final class Resources {

  private Resources() {}

  public static Quantity quantity(IntOrString value) {
    if (value == null) {
      return null;
    }
    return value.getIntVal() != null ? new Quantity(String.valueOf(value.getIntVal())) : new Quantity(value.getStrVal());
  }

  /** The list as quantities, in the same order; null stays null. */
  public static Map<String, Quantity> quantities(Map<String, IntOrString> list) {
    if (list == null) {
      return null;
    }
    Map<String, Quantity> out = new LinkedHashMap<>();
    list.forEach((k, v) -> out.put(k, quantity(v)));
    return out;
  }

  /** A quantity as a list value: an integer when it is a plain integer that fits, else its string form. */
  public static IntOrString value(Quantity quantity) {
    String text = quantity.toString();
    if (text.matches("-?\\d{1,9}")) {
      return new IntOrString(Integer.parseInt(text));
    }
    return new IntOrString(text);
  }

  public static Map<String, IntOrString> values(Map<String, Quantity> quantities) {
    if (quantities == null) {
      return null;
    }
    Map<String, IntOrString> out = new LinkedHashMap<>();
    quantities.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }
}
