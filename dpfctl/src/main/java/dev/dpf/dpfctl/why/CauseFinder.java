package dev.dpf.dpfctl.why;

import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.dpfctl.discover.Discovery;
import dev.dpf.dpfctl.discover.Synthesis;
import dev.dpf.dpfctl.model.Cond;
import dev.dpf.dpfctl.model.Obj;
import dev.dpf.dpfctl.source.Kinds;
import dev.dpf.dpfctl.source.ResourceKind;
import dev.dpf.dpfctl.source.Snapshot;
import dev.dpf.dpfctl.tree.ObjectTree;
import dev.dpf.dpfctl.tree.ObjectTree.AddOptions;
import dev.dpf.dpfctl.tree.TreeNode;
import dev.dpf.dpfctl.tree.TreeOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code dpfctl why}: starting at an object that is not ready, follows the references that can make it not ready
 * (what it deploys, uses, owns, targets, runs on) into the referenced objects that are not ready themselves, and so
 * on, until objects whose dependencies are all fine: those are the root causes.
 *
 * <p>References followed:
 * <ul>
 *   <li>DPFOperatorConfig: its system-component DPUServices;</li>
 *   <li>DPUService: its Argo CD Applications, its DPUServiceInterfaces ({@code spec.interfaces}), and DPUClusters
 *       without an Application of it;</li>
 *   <li>Application: the DPUCluster it deploys to;</li>
 *   <li>DPUDeployment: its DPUSets, DPUServices, DPUServiceChains, DPUServiceInterfaces, DPUServiceTemplates,
 *       DPUServiceConfigurations, BFB and DPUFlavor;</li>
 *   <li>DPUSet: its DPUs, BFB and DPUFlavor;</li>
 *   <li>DPU: its BFB, DPUCluster, host Node and DPUFlavor;</li>
 *   <li>DPUServiceChain / DPUServiceInterface / DPUServiceIPAM: the DPUClusters they are mirrored to (their own
 *       conditions carry the DPU-cluster side's readiness message);</li>
 *   <li>DPUServiceCredentialRequest: its target DPUCluster;</li>
 *   <li>DPUCluster: its Kamaji TenantControlPlane.</li>
 * </ul>
 */
public final class CauseFinder {

  /** The explanation: the tree of not-ready objects from the start object, and its leaves (the root causes). */
  public record Explanation(ObjectTree tree, TreeNode start, List<TreeNode> rootCauses) {
    public boolean ready() {
      return rootCauses.isEmpty();
    }
  }

  /** A reference from one object to another. */
  private record Ref(String relation, ResourceKind kind, Obj obj) {}

  private final Snapshot snapshot;
  private final Synthesis synthesis;
  private final Set<String> visited = new HashSet<>();
  private ObjectTree tree;

  public CauseFinder(Snapshot snapshot, Instant now) {
    this.snapshot = snapshot;
    this.synthesis = new Synthesis(now);
  }

  /** Finds the object named by {@code kindName} ({@code kind/name}), in {@code namespace} or any namespace. */
  public Obj find(String kindName, String namespace) {
    String[] parts = kindName.split("/", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException("expected <kind>/<name>, got \"" + kindName + "\"");
    }
    ResourceKind kind = Kinds.find(parts[0])
        .orElseThrow(() -> new IllegalArgumentException("unknown object type \"" + parts[0] + "\""));
    List<Obj> matches = snapshot.where(kind, o -> o.name().equals(parts[1])
        && (namespace == null || !kind.namespaced() || o.namespace().equals(namespace)));
    if (matches.isEmpty()) {
      throw new IllegalArgumentException(kind + " \"" + parts[1] + "\" not found"
          + (namespace == null || !kind.namespaced() ? "" : " in namespace " + namespace));
    }
    if (matches.size() > 1) {
      throw new IllegalArgumentException(kind + " \"" + parts[1] + "\" exists in namespaces "
          + String.join(", ", matches.stream().map(Obj::namespace).toList()) + ": choose one with -n");
    }
    return matches.get(0);
  }

  public Explanation explain(Obj start) {
    ResourceKind kind = Kinds.find(start.kind()).orElseThrow();
    TreeNode root = node(kind, start);
    tree = new ObjectTree(root, new TreeOptions("", "", "", false));
    visited.clear();
    visited.add(key(start));
    if (healthy(root) && !root.hasFailedConditions()) {
      return new Explanation(tree, root, List.of());
    }
    follow(root, kind, start);
    List<TreeNode> causes = tree.nodes().stream().filter(n -> !tree.hasChildren(n)).toList();
    return new Explanation(tree, root, causes);
  }

  private void follow(TreeNode node, ResourceKind kind, Obj obj) {
    for (Ref ref : references(kind, obj)) {
      if (!visited.add(key(ref.obj()))) {
        continue;
      }
      TreeNode child = node(ref.kind(), ref.obj());
      if (healthy(child)) {
        continue;
      }
      tree.add(node, child, new AddOptions(false, ref.relation(), 0));
      follow(child, ref.kind(), ref.obj());
    }
  }

  /** Ready True, or no Ready and no condition that is not True. */
  static boolean healthy(TreeNode node) {
    Cond ready = node.ready();
    return ready != null ? ready.isTrue() : !node.hasFailedConditions();
  }

  private TreeNode node(ResourceKind kind, Obj obj) {
    if (kind.equals(Kinds.DPU_KIND)) {
      return synthesis.dpu(obj);
    }
    if (kind.equals(Kinds.BFB_KIND)) {
      return synthesis.bfb(obj);
    }
    if (kind.equals(Kinds.APPLICATION)) {
      return synthesis.application(obj);
    }
    if (kind.equals(Kinds.TENANT_CONTROL_PLANE)) {
      return synthesis.tenantControlPlane(obj);
    }
    if (kind.equals(Kinds.NODE)) {
      return synthesis.node(obj);
    }
    return TreeNode.of(obj);
  }

  private static String key(Obj obj) {
    return obj.apiVersion() + "/" + obj.kind() + "/" + obj.namespace() + "/" + obj.name();
  }

  private List<Ref> references(ResourceKind kind, Obj obj) {
    List<Ref> refs = new ArrayList<>();
    String ns = obj.namespace();
    if (kind.equals(Kinds.DPF_OPERATOR_CONFIG)) {
      for (Obj svc : snapshot.where(Kinds.DPU_SERVICE,
          o -> Discovery.isSystemComponent(o.label(ServiceLabels.COMPONENT)))) {
        refs.add(new Ref("component", Kinds.DPU_SERVICE, svc));
      }
    } else if (kind.equals(Kinds.DPU_SERVICE)) {
      List<Obj> apps = Discovery.applications(snapshot, obj);
      for (Obj app : apps) {
        refs.add(new Ref("deploys", Kinds.APPLICATION, app));
      }
      for (Object name : obj.list("spec", "interfaces")) {
        named(Kinds.DPU_SERVICE_INTERFACE, ns, String.valueOf(name)).ifPresent(
            i -> refs.add(new Ref("uses", Kinds.DPU_SERVICE_INTERFACE, i)));
      }
      if (!Boolean.parseBoolean(obj.str("spec", "deployInCluster"))) {
        for (Obj cluster : snapshot.all(Kinds.DPU_CLUSTER)) {
          boolean hasApp = apps.stream().anyMatch(a -> cluster.name().equals(a.label(ServiceLabels.CLUSTER)));
          if (!hasApp) {
            refs.add(new Ref("targets", Kinds.DPU_CLUSTER, cluster));
          }
        }
      }
    } else if (kind.equals(Kinds.APPLICATION)) {
      applicationCluster(obj).ifPresent(c -> refs.add(new Ref("targets", Kinds.DPU_CLUSTER, c)));
    } else if (kind.equals(Kinds.DPU_DEPLOYMENT)) {
      Map<String, String> owned = Discovery.ownedBy(obj);
      for (ResourceKind child : List.of(Kinds.DPU_SET, Kinds.DPU_SERVICE, Kinds.DPU_SERVICE_CHAIN,
          Kinds.DPU_SERVICE_INTERFACE)) {
        for (Obj o : snapshot.withLabels(child, owned)) {
          refs.add(new Ref("owns", child, o));
        }
      }
      for (String template : Discovery.serviceTemplates(obj)) {
        named(Kinds.DPU_SERVICE_TEMPLATE, ns, template)
            .ifPresent(t -> refs.add(new Ref("uses", Kinds.DPU_SERVICE_TEMPLATE, t)));
      }
      for (Object value : obj.map("spec", "services").values()) {
        if (value instanceof Map<?, ?> svc && svc.get("serviceConfiguration") != null) {
          named(Kinds.DPU_SERVICE_CONFIGURATION, ns, String.valueOf(svc.get("serviceConfiguration")))
              .ifPresent(c -> refs.add(new Ref("uses", Kinds.DPU_SERVICE_CONFIGURATION, c)));
        }
      }
      named(Kinds.BFB_KIND, ns, obj.str("spec", "dpus", "bfb"))
          .ifPresent(b -> refs.add(new Ref("installs", Kinds.BFB_KIND, b)));
      named(Kinds.DPU_FLAVOR, ns, obj.str("spec", "dpus", "flavor"))
          .ifPresent(f -> refs.add(new Ref("uses", Kinds.DPU_FLAVOR, f)));
    } else if (kind.equals(Kinds.DPU_SET)) {
      for (Obj dpu : snapshot.withLabels(Kinds.DPU_KIND, Discovery.dpuSetLabels(obj))) {
        refs.add(new Ref("owns", Kinds.DPU_KIND, dpu));
      }
      named(Kinds.BFB_KIND, ns, obj.str("spec", "dpuTemplate", "spec", "bfb", "name"))
          .ifPresent(b -> refs.add(new Ref("installs", Kinds.BFB_KIND, b)));
      named(Kinds.DPU_FLAVOR, ns, obj.str("spec", "dpuTemplate", "spec", "dpuFlavor"))
          .ifPresent(f -> refs.add(new Ref("uses", Kinds.DPU_FLAVOR, f)));
    } else if (kind.equals(Kinds.DPU_KIND)) {
      named(Kinds.BFB_KIND, ns, obj.str("spec", "bfb"))
          .ifPresent(b -> refs.add(new Ref("installs", Kinds.BFB_KIND, b)));
      String clusterNs = obj.str("spec", "cluster", "namespace");
      named(Kinds.DPU_CLUSTER, clusterNs.isEmpty() ? ns : clusterNs, obj.str("spec", "cluster", "name"))
          .ifPresent(c -> refs.add(new Ref("joins", Kinds.DPU_CLUSTER, c)));
      named(Kinds.NODE, "", obj.str("spec", "nodeName"))
          .ifPresent(n -> refs.add(new Ref("host", Kinds.NODE, n)));
      named(Kinds.DPU_FLAVOR, ns, obj.str("spec", "dpuFlavor"))
          .ifPresent(f -> refs.add(new Ref("uses", Kinds.DPU_FLAVOR, f)));
    } else if ((kind.equals(Kinds.DPU_SERVICE_CHAIN) || kind.equals(Kinds.DPU_SERVICE_INTERFACE)
        || kind.equals(Kinds.DPU_SERVICE_IPAM)) && !mirrored(obj)) {
      for (Obj cluster : snapshot.all(Kinds.DPU_CLUSTER)) {
        refs.add(new Ref("mirrored to", Kinds.DPU_CLUSTER, cluster));
      }
    } else if (kind.equals(Kinds.DPU_SERVICE_CREDENTIAL_REQUEST)) {
      String target = obj.str("spec", "targetCluster", "name");
      String targetNs = obj.str("spec", "targetCluster", "namespace");
      named(Kinds.DPU_CLUSTER, targetNs.isEmpty() ? ns : targetNs, target)
          .ifPresent(c -> refs.add(new Ref("targets", Kinds.DPU_CLUSTER, c)));
    } else if (kind.equals(Kinds.DPU_CLUSTER)) {
      if (DPUCluster.TYPE_KAMAJI.equals(obj.str("spec", "type"))) {
        for (Obj tcp : Discovery.tenantControlPlanes(snapshot, obj)) {
          refs.add(new Ref("control plane", Kinds.TENANT_CONTROL_PLANE, tcp));
        }
      }
    }
    return refs;
  }

  /**
   * Whether the host object was mirrored into the DPU clusters: every {@code ...Reconciled} condition is True.
   * Then a not-ready object is explained by its own readiness message from the DPU side, not by the clusters.
   */
  private static boolean mirrored(Obj obj) {
    List<Cond> reconciled = obj.conditions().stream().filter(c -> c.type().endsWith("Reconciled")).toList();
    return !reconciled.isEmpty() && reconciled.stream().allMatch(Cond::isTrue);
  }

  /** The DPUCluster an Application deploys to: labels {@code dpu.nvidia.com/cluster} (+ cluster-namespace). */
  private Optional<Obj> applicationCluster(Obj app) {
    String name = app.label(ProvisioningLabels.CLUSTER);
    if (name == null || name.isEmpty() || DPUService.IN_CLUSTER.equals(name)) {
      return Optional.empty();
    }
    String namespace = app.label(ProvisioningLabels.CLUSTER_NAMESPACE);
    return snapshot.where(Kinds.DPU_CLUSTER, c -> c.name().equals(name)
        && (namespace == null || namespace.isEmpty() || c.namespace().equals(namespace))).stream().findFirst();
  }

  private Optional<Obj> named(ResourceKind kind, String namespace, String name) {
    if (name == null || name.isEmpty()) {
      return Optional.empty();
    }
    return snapshot.get(kind, kind.namespaced() ? Objects.requireNonNullElse(namespace, "") : "", name);
  }
}
