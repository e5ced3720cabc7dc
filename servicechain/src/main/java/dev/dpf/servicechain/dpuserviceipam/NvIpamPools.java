package dev.dpf.servicechain.dpuserviceipam;

import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.DPUServiceIPAM;
import dev.dpf.api.svc.v1alpha1.DPUServiceIPAMSpec;
import dev.dpf.api.svc.v1alpha1.ExcludeRange;
import dev.dpf.api.svc.v1alpha1.IPv4Network;
import dev.dpf.api.svc.v1alpha1.IPv4Subnet;
import dev.dpf.api.svc.v1alpha1.Route;
import dev.dpf.servicechain.mirror.DpuResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NVIPAM pool a DPUServiceIPAM becomes (reference §2.4, Appendix A.3): an {@code IPPool} for
 * {@code ipv4Subnet}, else a {@code CIDRPool}, in {@code nv-ipam.nvidia.com/v1alpha1}. Pure functions.
 */
public final class NvIpamPools {

  public static final String GROUP = "nv-ipam.nvidia.com";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final DpuResource IPPOOL = DpuResource.generic(GROUP, VERSION, "IPPool", "ippools");
  public static final DpuResource CIDRPOOL = DpuResource.generic(GROUP, VERSION, "CIDRPool", "cidrpools");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private NvIpamPools() {}

  /** The pool's name: the DPUServiceIPAM's name, or the (later-release) override annotation. */
  public static String poolName(DPUServiceIPAM ipam) {
    Map<String, String> annotations = ipam.getMetadata().getAnnotations();
    String override = annotations == null ? null
        : annotations.get(ChainLabels.DPUSERVICEIPAM_CHILD_OBJECT_NAME_OVERRIDE);
    return override == null || override.isEmpty() ? ipam.getMetadata().getName() : override;
  }

  /** The two ownership labels, which win over {@code spec.metadata.labels}. */
  public static Map<String, String> ownerLabels(String name, String namespace) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(ChainLabels.DPUSERVICEIPAM_NAME, name);
    labels.put(ChainLabels.DPUSERVICEIPAM_NAMESPACE, namespace);
    return labels;
  }

  public static DpuResource resource(DPUServiceIPAM ipam) {
    return ipam.ipPoolMode() ? IPPOOL : CIDRPOOL;
  }

  public static GenericKubernetesResource desired(DPUServiceIPAM ipam) {
    DPUServiceIPAMSpec spec = ipam.getSpec();
    Map<String, String> labels = new TreeMap<>();
    Map<String, String> annotations = null;
    if (spec.getMetadata() != null) {
      if (spec.getMetadata().getLabels() != null) {
        labels.putAll(spec.getMetadata().getLabels());
      }
      if (spec.getMetadata().getAnnotations() != null) {
        annotations = new TreeMap<>(spec.getMetadata().getAnnotations());
      }
    }
    labels.putAll(ownerLabels(ipam.getMetadata().getName(), ipam.getMetadata().getNamespace()));
    GenericKubernetesResource pool = new GenericKubernetesResource();
    pool.setApiVersion(API_VERSION);
    pool.setKind(ipam.poolKind());
    pool.setMetadata(new ObjectMetaBuilder().withName(poolName(ipam)).withNamespace(ipam.getMetadata().getNamespace())
        .withLabels(labels).withAnnotations(annotations).build());
    Map<String, Object> poolSpec = ipam.ipPoolMode() ? ipPoolSpec(spec) : cidrPoolSpec(spec);
    pool.setAdditionalProperty("spec", poolSpec);
    return pool;
  }

  private static Map<String, Object> ipPoolSpec(DPUServiceIPAMSpec spec) {
    IPv4Subnet subnet = spec.getIpv4Subnet();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("subnet", subnet.getSubnet());
    out.put("perNodeBlockSize", subnet.getPerNodeIPCount());
    out.put("gateway", subnet.getGateway());
    putNodeSelector(out, spec);
    putExclusions(out, List.of(), subnet.getExcludeRanges());
    putGatewayAndRoutes(out, subnet.getDefaultGateway(), subnet.getRoutes());
    return out;
  }

  private static Map<String, Object> cidrPoolSpec(DPUServiceIPAMSpec spec) {
    IPv4Network network = spec.getIpv4Network();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cidr", network.getNetwork());
    if (network.getGatewayIndex() != null) {
      out.put("gatewayIndex", network.getGatewayIndex());
    }
    out.put("perNodeNetworkPrefix", network.getPrefixSize());
    putNodeSelector(out, spec);
    putExclusions(out, network.getExclusions() == null ? List.of() : network.getExclusions(),
        network.getExcludeRanges());
    if (network.getAllocations() != null && !network.getAllocations().isEmpty()) {
      List<Map<String, Object>> allocations = new ArrayList<>();
      new TreeMap<>(network.getAllocations()).forEach((node, prefix) -> {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("nodeName", node);
        a.put("prefix", prefix);
        allocations.add(a);
      });
      out.put("staticAllocations", allocations);
    }
    putGatewayAndRoutes(out, network.getDefaultGateway(), network.getRoutes());
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void putNodeSelector(Map<String, Object> out, DPUServiceIPAMSpec spec) {
    if (spec.getNodeSelector() != null) {
      out.put("nodeSelector", SERIALIZATION.convertValue(spec.getNodeSelector(), Map.class));
    }
  }

  /** Each excluded IP X becomes {@code {startIP: X, endIP: X}}; later-release ranges follow. */
  private static void putExclusions(Map<String, Object> out, List<String> ips, List<ExcludeRange> ranges) {
    List<Map<String, Object>> exclusions = new ArrayList<>();
    for (String ip : ips) {
      exclusions.add(range(ip, ip));
    }
    if (ranges != null) {
      for (ExcludeRange r : ranges) {
        exclusions.add(range(r.getStartIP(), r.getEndIP()));
      }
    }
    if (!exclusions.isEmpty()) {
      out.put("exclusions", exclusions);
    }
  }

  private static Map<String, Object> range(String start, String end) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("startIP", start);
    r.put("endIP", end);
    return r;
  }

  /** NVIPAM's {@code defaultGateway} and {@code routes} are omitempty: false and empty lists are left out. */
  private static void putGatewayAndRoutes(Map<String, Object> out, Boolean defaultGateway, List<Route> routes) {
    if (Boolean.TRUE.equals(defaultGateway)) {
      out.put("defaultGateway", true);
    }
    if (routes != null && !routes.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Route route : routes) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("dst", route.getDst());
        list.add(r);
      }
      out.put("routes", list);
    }
  }

  /** Ready when {@code status.allocations} exists and is non-empty (both kinds). */
  public static boolean isReady(GenericKubernetesResource pool) {
    Object status = pool.getAdditionalProperties().get("status");
    if (status instanceof Map<?, ?> map && map.get("allocations") instanceof List<?> allocations) {
      return !allocations.isEmpty();
    }
    return false;
  }
}
