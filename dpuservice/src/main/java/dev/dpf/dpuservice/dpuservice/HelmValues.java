package dev.dpf.dpuservice.dpuservice;

import dev.dpf.api.svc.v1alpha1.ConfigPort;
import dev.dpf.api.svc.v1alpha1.ConfigPorts;
import dev.dpf.api.svc.v1alpha1.ServiceDaemonSetValues;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Helm values of a DPUService's Application (reference 10.6) and Helm's "coalesce tables" merge. Pure: no client
 * calls; the inputs are never modified.
 */
public final class HelmValues {

  private static final Logger LOG = LoggerFactory.getLogger(HelmValues.class);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** What the values depend on besides the user's {@code helmChart.values}. */
  public record Inputs(
      ServiceDaemonSetValues serviceDaemonSet,
      String serviceId,
      ConfigPorts configPorts,
      String dpuServiceName,
      String dpuServiceNamespace,
      boolean systemComponent,
      String clusterName) {}

  private HelmValues() {}

  /**
   * {@code V = coalesce(D, U)} with {@code D = {serviceDaemonSet: S}} (or {@code {global: {serviceDaemonSet: S}}}
   * for DPF system components), then {@code exposedPorts} filled in when config ports are set.
   */
  public static Map<String, Object> compute(Inputs in, Map<String, Object> userValues) {
    Map<String, Object> s = serviceDaemonSetValues(in.serviceDaemonSet());
    if (in.serviceId() != null && !in.serviceId().isEmpty()) {
      mapAt(s, "labels").put(ServiceLabels.SERVICE, in.serviceId());
    }
    Map<String, Object> d = new LinkedHashMap<>();
    if (in.systemComponent()) {
      Map<String, Object> annotations = mapAt(s, "annotations");
      annotations.put(ServiceLabels.CLUSTER, in.clusterName());
      annotations.put(ServiceLabels.CLUSTER_NAMESPACE, in.dpuServiceNamespace());
      Map<String, Object> global = new LinkedHashMap<>();
      global.put("serviceDaemonSet", s);
      d.put("global", global);
    } else {
      d.put("serviceDaemonSet", s);
    }
    Map<String, Object> v = coalesce(d, deepCopy(userValues), warning -> LOG.atWarn()
        .addKeyValue("dpuservice", in.dpuServiceNamespace() + "/" + in.dpuServiceName()).log(warning));
    if (in.configPorts() != null && in.configPorts().getPorts() != null) {
      Map<String, Object> labels = new LinkedHashMap<>();
      labels.put(ServiceLabels.DPUSERVICE_NAME, in.dpuServiceName());
      labels.put(ServiceLabels.DPUSERVICE_NAMESPACE, in.dpuServiceNamespace());
      Map<String, Object> ports = new LinkedHashMap<>();
      for (ConfigPort port : in.configPorts().getPorts()) {
        ports.put(port.getName(), true);
      }
      Map<String, Object> exposed = new LinkedHashMap<>();
      exposed.put("labels", labels);
      exposed.put("ports", ports);
      Map<String, Object> src = new LinkedHashMap<>();
      src.put("exposedPorts", exposed);
      v = coalesce(v, src, w -> {});
    }
    return v;
  }

  /**
   * {@code spec.serviceDaemonSet} as plain Helm values with empty fields omitted (Go {@code omitempty}): nil
   * selector, empty maps and lists do not appear; nothing set gives {@code {}}.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> serviceDaemonSetValues(ServiceDaemonSetValues values) {
    if (values == null) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> map = SERIALIZATION.convertValue(values, LinkedHashMap.class);
    map.entrySet().removeIf(e -> e.getValue() == null
        || (e.getValue() instanceof Map<?, ?> m && m.isEmpty())
        || (e.getValue() instanceof List<?> l && l.isEmpty()));
    return map;
  }

  /**
   * Helm's {@code chartutil.CoalesceTables(dst, src)}: {@code dst} is authoritative. Keys of {@code src} missing in
   * {@code dst} are copied; two tables are merged recursively; a table never overwrites a non-table nor the other
   * way round (a warning is reported); lists are values (never merged); a {@code null} in {@code dst} deletes the
   * key. Returns {@code dst} (mutated), or {@code src} when {@code dst} is null.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> coalesce(Map<String, Object> dst, Map<String, Object> src,
      Consumer<String> warnings) {
    return coalesce(dst, src, "", warnings);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> coalesce(Map<String, Object> dst, Map<String, Object> src, String prefix,
      Consumer<String> warnings) {
    if (src == null) {
      return dst;
    }
    if (dst == null) {
      return src;
    }
    // a null in dst removes the key whatever src holds
    for (String key : new ArrayList<>(dst.keySet())) {
      if (dst.get(key) == null) {
        dst.remove(key);
        src.remove(key);
      }
    }
    for (Map.Entry<String, Object> e : src.entrySet()) {
      String key = e.getKey();
      Object val = e.getValue();
      String fullKey = prefix.isEmpty() ? key : prefix + "." + key;
      if (!dst.containsKey(key)) {
        dst.put(key, val);
      } else if (val instanceof Map<?, ?> srcTable) {
        Object dv = dst.get(key);
        if (dv instanceof Map<?, ?> dstTable) {
          coalesce((Map<String, Object>) dstTable, (Map<String, Object>) srcTable, fullKey, warnings);
        } else {
          warnings.accept("warning: cannot overwrite table with non table for " + fullKey);
        }
      } else if (dst.get(key) instanceof Map<?, ?> && val != null) {
        warnings.accept("warning: destination for " + fullKey + " is a table. Ignoring non-table value");
      }
    }
    return dst;
  }

  /** A mutable deep copy of a JSON-like value (maps and lists copied, scalars shared). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> deepCopy(Map<String, Object> map) {
    return map == null ? null : (Map<String, Object>) copyValue(map);
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v)));
      return copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(v -> copy.add(copyValue(v)));
      return copy;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapAt(Map<String, Object> parent, String key) {
    Object existing = parent.get(key);
    if (existing instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    parent.put(key, created);
    return created;
  }
}
