package dev.dpf.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STAND-INS for what runs inside a DPU cluster and is not part of this demo:
 *
 * <ul>
 *   <li>the node agent in DPU mode (OVS on every DPU): each ServiceInterface and ServiceChain is reported
 *       {@code Ready}/{@code <Kind>Reconciled} = True (field manager {@code sfc-controller}) as the agent does once
 *       the ports and flows are programmed — no OVS runs here;</li>
 *   <li>NVIDIA IPAM (nv-ipam): every IPPool and CIDRPool gets {@code status.allocations}, one block or subnet per DPU
 *       node, stable once given.</li>
 * </ul>
 */
final class DpuClusterStandIn implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DpuClusterStandIn.class);
  static final String SFC_FIELD_MANAGER = "sfc-controller";
  static final String IPAM_FIELD_MANAGER = "nv-ipam-controller";

  private final String cluster;
  private final KubernetesClient client;
  private final ScheduledExecutorService worker;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private SharedIndexInformer<Node> nodes;
  private SharedIndexInformer<GenericKubernetesResource> ipPools;
  private SharedIndexInformer<GenericKubernetesResource> cidrPools;

  DpuClusterStandIn(String cluster, KubernetesClient client) {
    this.cluster = cluster;
    this.client = client;
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dpu-cluster-stand-in-" + cluster);
      t.setDaemon(true);
      return t;
    });
  }

  DpuClusterStandIn start() {
    nodes = client.nodes().inform(new SchedulerStandIn.Handler<>(n -> later(this::allPools, 0)));
    informers.add(nodes);
    for (String kind : List.of("ServiceInterface", "ServiceChain")) {
      informers.add(client.genericKubernetesResources(ApiVersions.SVC, kind).inAnyNamespace()
          .inform(new SchedulerStandIn.Handler<>(r -> later(() -> reportReady(r), 200))));
    }
    ipPools = client.genericKubernetesResources(ApiVersions.NVIPAM, "IPPool").inAnyNamespace()
        .inform(new SchedulerStandIn.Handler<>(p -> later(this::allPools, 0)));
    cidrPools = client.genericKubernetesResources(ApiVersions.NVIPAM, "CIDRPool").inAnyNamespace()
        .inform(new SchedulerStandIn.Handler<>(p -> later(this::allPools, 0)));
    informers.add(ipPools);
    informers.add(cidrPools);
    return this;
  }

  /** DPU nodes in this cluster (from the informer cache). */
  int nodeCount() {
    return nodes == null ? 0 : nodes.getStore().list().size();
  }

  private void later(Runnable task, long millis) {
    try {
      worker.schedule(() -> {
        try {
          task.run();
        } catch (KubernetesClientException e) {
          LOG.atDebug().addKeyValue("cluster", cluster).addKeyValue("error", e.getMessage()).log("retrying");
          later(task, 2000);
        }
      }, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }

  /** What the DPU-mode node agent reports once an interface's port or a chain's flows are in place. */
  private void reportReady(GenericKubernetesResource r) {
    GenericKubernetesResource current = client.genericKubernetesResources(r.getApiVersion(), r.getKind())
        .inNamespace(r.getMetadata().getNamespace()).withName(r.getMetadata().getName()).get();
    if (current == null || current.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    Long generation = current.getMetadata().getGeneration();
    String reconciled = current.getKind() + "Reconciled";
    if (StatusWriter.isTrue(current, "Ready") && StatusWriter.isTrue(current, reconciled)
        && Objects.equals(String.valueOf(generation), StatusWriter.statusString(current, "observedGeneration"))) {
      return;
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("conditions", List.of(
        StatusWriter.condition("Ready", true, "Success", "", generation),
        StatusWriter.condition(reconciled, true, "Success", "", generation)));
    status.put("observedGeneration", generation);
    StatusWriter.apply(client, current, status, SFC_FIELD_MANAGER);
    LOG.atInfo().addKeyValue("cluster", cluster).addKeyValue("object", current.getKind() + "/"
        + current.getMetadata().getName()).log("Ready (DPU node agent stand-in)");
  }

  private void allPools() {
    List<String> nodeNames = nodes.getStore().list().stream().map(n -> n.getMetadata().getName()).sorted().toList();
    for (GenericKubernetesResource pool : ipPools.getStore().list()) {
      allocate(pool, nodeNames);
    }
    for (GenericKubernetesResource pool : cidrPools.getStore().list()) {
      allocate(pool, nodeNames);
    }
  }

  /** NVIPAM's allocations: one per node, existing ones kept, new nodes get the first free slot. */
  @SuppressWarnings("unchecked")
  private void allocate(GenericKubernetesResource pool, List<String> nodeNames) {
    if (pool.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    Map<String, Object> spec = (Map<String, Object>) pool.getAdditionalProperties().getOrDefault("spec", Map.of());
    Object status = pool.getAdditionalProperties().get("status");
    List<Map<String, Object>> existing = status instanceof Map<?, ?> s && s.get("allocations") instanceof List<?> l
        ? (List<Map<String, Object>>) l : List.of();
    Map<String, Integer> slots = new LinkedHashMap<>();
    for (Map<String, Object> a : existing) {
      if (nodeNames.contains(String.valueOf(a.get("nodeName")))) {
        slots.put(String.valueOf(a.get("nodeName")), slotOf(pool.getKind(), spec, a));
      }
    }
    Set<Integer> used = new HashSet<>(slots.values());
    for (String node : nodeNames) {
      if (!slots.containsKey(node)) {
        int slot = 0;
        while (used.contains(slot)) {
          slot++;
        }
        used.add(slot);
        slots.put(node, slot);
      }
    }
    List<Map<String, Object>> allocations = new ArrayList<>();
    for (String node : new TreeSet<>(slots.keySet())) {
      Map<String, Object> a = allocation(pool.getKind(), spec, node, slots.get(node));
      if (a != null) {
        allocations.add(a);
      }
    }
    if (allocations.equals(existing) || allocations.isEmpty() && existing.isEmpty()) {
      return;
    }
    StatusWriter.apply(client, pool, Map.of("allocations", allocations), IPAM_FIELD_MANAGER);
    LOG.atInfo().addKeyValue("cluster", cluster).addKeyValue("pool", pool.getKind() + "/"
        + pool.getMetadata().getName()).addKeyValue("nodes", allocations.size()).log("allocations (nv-ipam stand-in)");
  }

  static int slotOf(String kind, Map<String, Object> spec, Map<String, Object> allocation) {
    try {
      if ("CIDRPool".equals(kind)) {
        long network = Ipv4.network(String.valueOf(spec.get("cidr")));
        int prefix = ((Number) spec.get("perNodeNetworkPrefix")).intValue();
        long mine = Ipv4.network(String.valueOf(allocation.get("prefix")));
        return (int) ((mine - network) >> (32 - prefix));
      }
      long first = Ipv4.network(String.valueOf(spec.get("subnet"))) + 2;
      int block = ((Number) spec.get("perNodeBlockSize")).intValue();
      return (int) ((Ipv4.parse(String.valueOf(allocation.get("startIP"))) - first) / block);
    } catch (RuntimeException e) {
      return Integer.MAX_VALUE;
    }
  }

  static Map<String, Object> allocation(String kind, Map<String, Object> spec, String node, int slot) {
    try {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("nodeName", node);
      if ("CIDRPool".equals(kind)) {
        String cidr = String.valueOf(spec.get("cidr"));
        int prefix = ((Number) spec.get("perNodeNetworkPrefix")).intValue();
        long subnet = Ipv4.network(cidr) + ((long) slot << (32 - prefix));
        if (subnet >= Ipv4.network(cidr) + (1L << (32 - Ipv4.prefix(cidr)))) {
          return null; // exhausted
        }
        a.put("prefix", Ipv4.format(subnet) + "/" + prefix);
        if (spec.get("gatewayIndex") instanceof Number index) {
          a.put("gateway", Ipv4.format(subnet + index.longValue()));
        }
        return a;
      }
      String subnet = String.valueOf(spec.get("subnet"));
      int block = ((Number) spec.get("perNodeBlockSize")).intValue();
      long start = Ipv4.network(subnet) + 2 + (long) slot * block;
      long end = start + block - 1;
      if (end >= Ipv4.network(subnet) + (1L << (32 - Ipv4.prefix(subnet))) - 1) {
        return null;
      }
      a.put("startIP", Ipv4.format(start));
      a.put("endIP", Ipv4.format(end));
      return a;
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("node", node).addKeyValue("error", e.toString()).log("cannot allocate (nv-ipam stand-in)");
      return null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    informers.forEach(SharedIndexInformer::close);
    worker.shutdownNow();
    worker.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** IPv4 arithmetic on longs. */
  static final class Ipv4 {
    private Ipv4() {}

    static long parse(String ip) {
      String[] p = ip.trim().split("\\.");
      if (p.length != 4) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      long v = 0;
      for (String part : p) {
        v = (v << 8) | Integer.parseInt(part);
      }
      return v;
    }

    static int prefix(String cidr) {
      return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }

    static long network(String cidr) {
      int slash = cidr.indexOf('/');
      long ip = parse(slash < 0 ? cidr : cidr.substring(0, slash));
      int prefix = slash < 0 ? 32 : prefix(cidr);
      long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
      return ip & mask;
    }

    static String format(long v) {
      return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
  }
}
