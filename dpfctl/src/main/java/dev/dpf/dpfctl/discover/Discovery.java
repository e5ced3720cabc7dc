package dev.dpf.dpfctl.discover;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.api.provisioning.v1alpha1.DPUCluster;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.dpfctl.model.Cond;
import dev.dpf.dpfctl.model.Obj;
import dev.dpf.dpfctl.source.Kinds;
import dev.dpf.dpfctl.source.ResourceKind;
import dev.dpf.dpfctl.source.Snapshot;
import dev.dpf.dpfctl.tree.Filters;
import dev.dpf.dpfctl.tree.ObjectTree;
import dev.dpf.dpfctl.tree.ObjectTree.AddOptions;
import dev.dpf.dpfctl.tree.TreeNode;
import dev.dpf.dpfctl.tree.TreeOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the tree of a {@code describe} target (reference section 5.4), rooted at the one DPFOperatorConfig.
 *
 * <p>{@code --show-resources} selects kinds (and kind/name); a shown parent shows all its children (a DPUSet its
 * BFB and DPUs, a DPUDeployment everything it generated, a DPUService its Applications).
 */
public final class Discovery {

  /** The describe targets, in the order of the help text. */
  public static final List<String> TARGETS = List.of("all", "dpuclusters", "dpudeployments", "dpusets", "dpuservices");

  /**
   * DPUService names of the DPF system components (the operator's DPUService inventory plus
   * {@code servicechainset-rbac-and-crds}): DPUServices labelled {@code dpu.nvidia.com/component} with one of these
   * are only shown under "System Components".
   */
  public static final Set<String> SYSTEM_COMPONENTS;

  static {
    Set<String> names = new LinkedHashSet<>(OperatorLabels.DPUSERVICE_COMPONENTS);
    names.add(OperatorLabels.SERVICECHAINSET_RBAC_AND_CRDS);
    SYSTEM_COMPONENTS = Set.copyOf(names);
  }

  /** Whether a {@code dpu.nvidia.com/component} label value names a system component (null-safe). */
  public static boolean isSystemComponent(String component) {
    return component != null && SYSTEM_COMPONENTS.contains(component);
  }

  private final Snapshot snapshot;
  private final TreeOptions options;
  private final Synthesis synthesis;
  private ObjectTree tree;
  private String target;

  public Discovery(Snapshot snapshot, TreeOptions options, Instant now) {
    this.snapshot = snapshot;
    this.options = options;
    this.synthesis = new Synthesis(now);
  }

  /** Thrown for an unknown target (before anything is read). */
  public static final class UnknownTargetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownTargetException(String target) {
      super("unknown object type \"" + target + "\"");
    }
  }

  /** Thrown when there is not exactly one DPFOperatorConfig (upstream's NotFound error). */
  public static final class NoOperatorConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoOperatorConfigException() {
      super(Kinds.DPF_OPERATOR_CONFIG.kind() + "." + Kinds.DPF_OPERATOR_CONFIG.group() + " \""
          + DPFOperatorConfig.DEFAULT_NAME + "\" not found");
    }
  }

  public static void checkTarget(String target) {
    if (!TARGETS.contains(target)) {
      throw new UnknownTargetException(target);
    }
  }

  /** The one DPFOperatorConfig of the cluster (any namespace). */
  public static Obj operatorConfig(Snapshot snapshot) {
    List<Obj> configs = snapshot.all(Kinds.DPF_OPERATOR_CONFIG);
    if (configs.size() != 1) {
      throw new NoOperatorConfigException();
    }
    return configs.get(0);
  }

  public ObjectTree discover(String describeTarget) {
    checkTarget(describeTarget);
    this.target = describeTarget;
    TreeNode root = TreeNode.of(operatorConfig(snapshot));
    tree = new ObjectTree(root, options);
    switch (describeTarget) {
      case "all" -> {
        dpuServices(root);
        dpuDeployments(root);
        dpuSets(root);
        dpuClusters(root);
      }
      case "dpuservices" -> dpuServices(root);
      case "dpudeployments" -> dpuDeployments(root);
      case "dpusets" -> dpuSets(root);
      case "dpuclusters" -> dpuClusters(root);
      default -> throw new UnknownTargetException(describeTarget);
    }
    return tree;
  }

  // ---- selection ----------------------------------------------------------------------------------------------

  /** Whether objects of {@code kind} are shown: always below a shown parent, else per --show-resources. */
  private boolean shows(String kind, boolean inherited) {
    return inherited || Filters.showsKind(options.showResources(), kind);
  }

  /** Whether the object is selected by --show-resources (kind or kind/name); always below a shown parent. */
  private boolean selected(Obj obj, boolean inherited) {
    return inherited || TreeOptions.ALL.equals(options.showResources())
        || Filters.matches(obj.kind(), obj.name(), options.showResources());
  }

  /** In {@code describe all}, objects generated by a DPUDeployment are shown under it (when DPUDeployments are). */
  private boolean shownUnderDeployment(Obj obj) {
    return "all".equals(target) && shows("DPUDeployment", false)
        && !obj.labels().getOrDefault(ServiceLabels.OWNED_BY_DPUDEPLOYMENT, "").isEmpty();
  }

  // ---- DPUServices --------------------------------------------------------------------------------------------

  private void dpuServices(TreeNode root) {
    systemComponents(root);
    userDpuServices(root, null, false);
    simpleKind(root, Kinds.DPU_SERVICE_CREDENTIAL_REQUEST, null, false, false);
  }

  private void systemComponents(TreeNode root) {
    if (!shows("DPUService", false)) {
      return;
    }
    List<TreeNode> nodes = new ArrayList<>();
    for (Obj svc : snapshot.where(Kinds.DPU_SERVICE, o -> o.labels().containsKey(OperatorLabels.COMPONENT))) {
      if (selected(svc, false)) {
        nodes.add(dpuService(svc));
      }
    }
    if (nodes.isEmpty()) {
      return;
    }
    TreeNode system = TreeNode.virtual(root.namespace(), "SystemComponents", "System Components");
    tree.add(root, system, new AddOptions(false, "System Components", 0));
    tree.addWithHeader(system, nodes, "DPUServices", AddOptions.GROUPING);
  }

  /** DPUServices that are not system components, optionally only those with {@code labels}. */
  private void userDpuServices(TreeNode parent, Map<String, String> labels, boolean inherited) {
    if (!shows("DPUService", inherited)) {
      return;
    }
    List<TreeNode> nodes = new ArrayList<>();
    List<Obj> services = labels == null ? snapshot.all(Kinds.DPU_SERVICE) : snapshot.withLabels(Kinds.DPU_SERVICE,
        labels);
    for (Obj svc : services) {
      if (!selected(svc, inherited)) {
        continue;
      }
      if (isSystemComponent(svc.label(OperatorLabels.COMPONENT))) {
        continue;
      }
      if (labels == null && shownUnderDeployment(svc)) {
        continue;
      }
      nodes.add(dpuService(svc));
    }
    tree.addWithHeader(parent, nodes, "DPUServices", AddOptions.GROUPING);
  }

  /** A DPUService node; not Ready (or --expand-resources) ones get their Argo CD Applications as children. */
  private TreeNode dpuService(Obj svc) {
    TreeNode node = TreeNode.of(svc);
    Cond ready = node.ready();
    boolean expand = ready == null || !ready.isTrue()
        || Filters.matches(svc.kind(), svc.name(), options.expandResources());
    if (expand) {
      for (Obj app : applications(snapshot, svc)) {
        tree.add(node, synthesis.application(app));
      }
    }
    return node;
  }

  /** The Argo CD Applications of a DPUService (labels dpuservice-name/-namespace, any namespace). */
  public static List<Obj> applications(Snapshot snapshot, Obj svc) {
    return snapshot.withLabels(Kinds.APPLICATION, Map.of(ServiceLabels.DPUSERVICE_NAME, svc.name(),
        ServiceLabels.DPUSERVICE_NAMESPACE, svc.namespace()));
  }

  /** Objects of a kind with conditions and no children, under a grouping header named after the kind. */
  private void simpleKind(TreeNode parent, ResourceKind kind, Map<String, String> labels, boolean inherited,
      boolean skipDeploymentOwned) {
    if (!shows(kind.kind(), inherited)) {
      return;
    }
    List<Obj> objects = labels == null ? snapshot.all(kind) : snapshot.withLabels(kind, labels);
    List<TreeNode> nodes = new ArrayList<>();
    for (Obj obj : objects) {
      if (!selected(obj, inherited) || (skipDeploymentOwned && labels == null && shownUnderDeployment(obj))) {
        continue;
      }
      nodes.add(TreeNode.of(obj));
    }
    tree.addWithHeader(parent, nodes, kind.kind(), AddOptions.GROUPING);
  }

  // ---- DPUDeployments -----------------------------------------------------------------------------------------

  private void dpuDeployments(TreeNode root) {
    if (!shows("DPUDeployment", false)) {
      return;
    }
    List<TreeNode> nodes = new ArrayList<>();
    for (Obj deployment : snapshot.all(Kinds.DPU_DEPLOYMENT)) {
      if (!selected(deployment, false)) {
        continue;
      }
      TreeNode node = TreeNode.of(deployment);
      Map<String, String> owned = ownedBy(deployment);
      dpuSets(node, owned, true);
      simpleKind(node, Kinds.DPU_SERVICE_CHAIN, owned, true, false);
      simpleKind(node, Kinds.DPU_SERVICE_INTERFACE, owned, true, false);

      List<TreeNode> templates = new ArrayList<>();
      for (String name : serviceTemplates(deployment)) {
        snapshot.get(Kinds.DPU_SERVICE_TEMPLATE, deployment.namespace(), name)
            .ifPresent(t -> templates.add(TreeNode.of(t)));
      }
      TreeNode services = TreeNode.virtual("", "Services", "Services");
      boolean hasServices = !templates.isEmpty()
          || !snapshot.withLabels(Kinds.DPU_SERVICE, owned).isEmpty();
      if (hasServices) {
        tree.add(node, services);
        if (!templates.isEmpty()) {
          TreeNode header = TreeNode.virtual("", "DPUServiceTemplates", "DPUServiceTemplates");
          tree.add(services, header);
          for (TreeNode t : templates) {
            tree.add(header, t);
          }
        }
        userDpuServices(services, owned, true);
      }
      nodes.add(node);
    }
    tree.addWithHeader(root, nodes, "DPUDeployments", AddOptions.NONE);
  }

  /** The label selecting what a DPUDeployment generated: {@code svc.dpu.nvidia.com/owned-by-dpudeployment}. */
  public static Map<String, String> ownedBy(Obj deployment) {
    return Map.of(ServiceLabels.OWNED_BY_DPUDEPLOYMENT, deployment.namespace() + "_" + deployment.name());
  }

  /** The distinct {@code spec.services[*].serviceTemplate} names of a DPUDeployment. */
  public static List<String> serviceTemplates(Obj deployment) {
    Set<String> names = new LinkedHashSet<>();
    for (Object value : deployment.map("spec", "services").values()) {
      if (value instanceof Map<?, ?> svc && svc.get("serviceTemplate") != null) {
        names.add(String.valueOf(svc.get("serviceTemplate")));
      }
    }
    return new ArrayList<>(names);
  }

  // ---- DPUSets ------------------------------------------------------------------------------------------------

  private void dpuSets(TreeNode root) {
    dpuSets(root, null, false);
    standaloneDpus(root);
    simpleKind(root, Kinds.DPU_SERVICE_CHAIN, null, false, true);
    simpleKind(root, Kinds.DPU_SERVICE_INTERFACE, null, false, true);
    simpleKind(root, Kinds.DPU_SERVICE_IPAM, null, false, false);
    standaloneBfbs(root);
  }

  private void dpuSets(TreeNode parent, Map<String, String> labels, boolean inherited) {
    if (!shows("DPUSet", inherited)) {
      return;
    }
    List<Obj> sets = labels == null ? snapshot.all(Kinds.DPU_SET) : snapshot.withLabels(Kinds.DPU_SET, labels);
    List<TreeNode> nodes = new ArrayList<>();
    for (Obj set : sets) {
      if (!selected(set, inherited) || (labels == null && shownUnderDeployment(set))) {
        continue;
      }
      TreeNode node = TreeNode.of(set);
      String bfbName = set.str("spec", "dpuTemplate", "spec", "bfb", "name");
      if (!bfbName.isEmpty()) {
        snapshot.get(Kinds.BFB_KIND, set.namespace(), bfbName).ifPresent(bfb -> tree.add(node, synthesis.bfb(bfb)));
      }
      List<TreeNode> dpus = new ArrayList<>();
      for (Obj dpu : snapshot.withLabels(Kinds.DPU_KIND, dpuSetLabels(set))) {
        dpus.add(synthesis.dpu(dpu));
      }
      tree.addWithHeader(node, dpus, "DPUs", AddOptions.GROUPING);
      nodes.add(node);
    }
    tree.addWithHeader(parent, nodes, "DPUSets", AddOptions.NONE);
  }

  /** The labels the DPUSet controller puts on its DPUs. */
  public static Map<String, String> dpuSetLabels(Obj set) {
    return Map.of(ProvisioningLabels.DPUSET_NAME, set.name(), ProvisioningLabels.DPUSET_NAMESPACE, set.namespace());
  }

  /** DPUs without a DPUSet; every DPU when DPUSets are not shown. */
  private void standaloneDpus(TreeNode root) {
    if (!shows("DPU", false) && !shows("DPUSet", false)) {
      return;
    }
    boolean setsShown = shows("DPUSet", false);
    List<TreeNode> nodes = new ArrayList<>();
    for (Obj dpu : snapshot.all(Kinds.DPU_KIND)) {
      if (!selected(dpu, false)) {
        continue;
      }
      if (setsShown && dpu.labels().containsKey(ProvisioningLabels.DPUSET_NAME)) {
        continue;
      }
      nodes.add(synthesis.dpu(dpu));
    }
    tree.addWithHeader(root, nodes, "DPUs", AddOptions.GROUPING);
  }

  /** BFBs that no DPUSet references. */
  private void standaloneBfbs(TreeNode root) {
    if (!shows("BFB", false)) {
      return;
    }
    Set<String> referenced = new LinkedHashSet<>();
    for (Obj set : snapshot.all(Kinds.DPU_SET)) {
      String name = set.str("spec", "dpuTemplate", "spec", "bfb", "name");
      if (!name.isEmpty()) {
        referenced.add(set.namespace() + "/" + name);
      }
    }
    List<TreeNode> nodes = new ArrayList<>();
    for (Obj bfb : snapshot.all(Kinds.BFB_KIND)) {
      if (selected(bfb, false) && !referenced.contains(bfb.namespace() + "/" + bfb.name())) {
        nodes.add(synthesis.bfb(bfb));
      }
    }
    tree.addWithHeader(root, nodes, "BFBs", AddOptions.GROUPING);
  }

  // ---- DPUClusters --------------------------------------------------------------------------------------------

  private void dpuClusters(TreeNode root) {
    if (!shows("DPUCluster", false)) {
      return;
    }
    List<TreeNode> nodes = new ArrayList<>();
    for (Obj cluster : snapshot.all(Kinds.DPU_CLUSTER)) {
      if (!selected(cluster, false)) {
        continue;
      }
      TreeNode node = TreeNode.of(cluster);
      if (!DPUCluster.TYPE_STATIC.equals(cluster.str("spec", "type"))) {
        for (Obj tcp : tenantControlPlanes(snapshot, cluster)) {
          tree.add(node, synthesis.tenantControlPlane(tcp));
        }
      }
      nodes.add(node);
    }
    tree.addWithHeader(root, nodes, "DPUClusters", AddOptions.NONE);
  }

  /** The Kamaji TenantControlPlanes of a DPUCluster: label {@code dpu.nvidia.com/cluster}, same namespace. */
  public static List<Obj> tenantControlPlanes(Snapshot snapshot, Obj cluster) {
    return snapshot.where(Kinds.TENANT_CONTROL_PLANE, t -> cluster.name().equals(t.label(ProvisioningLabels.CLUSTER))
        && cluster.namespace().equals(t.namespace()));
  }
}
