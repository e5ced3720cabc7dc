package dev.dpf.dpuservice.dpudeployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dpf.api.common.TemplateMeta;
import dev.dpf.api.provisioning.v1alpha1.BFBReference;
import dev.dpf.api.provisioning.v1alpha1.DPUSet;
import dev.dpf.api.provisioning.v1alpha1.DPUSetSpec;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplate;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplateCluster;
import dev.dpf.api.provisioning.v1alpha1.DPUTemplateSpec;
import dev.dpf.api.provisioning.v1alpha1.NodeEffect;
import dev.dpf.api.provisioning.v1alpha1.NodeEffectUpgradePolicy;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentDPUSet;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentIPAM;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentPort;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentSwitch;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceChainSpec;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfigurationSpec;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterfaceSpec;
import dev.dpf.api.svc.v1alpha1.DPUServiceSpec;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplate;
import dev.dpf.api.svc.v1alpha1.HelmChart;
import dev.dpf.api.svc.v1alpha1.InterfaceType;
import dev.dpf.api.svc.v1alpha1.ServiceChainIPAM;
import dev.dpf.api.svc.v1alpha1.ServiceChainPort;
import dev.dpf.api.svc.v1alpha1.ServiceChainSetSpec;
import dev.dpf.api.svc.v1alpha1.ServiceChainSetSpecTemplate;
import dev.dpf.api.svc.v1alpha1.ServiceChainSpec;
import dev.dpf.api.svc.v1alpha1.ServiceChainSpecTemplate;
import dev.dpf.api.svc.v1alpha1.ServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.ServiceConfigurationDaemonSetValues;
import dev.dpf.api.svc.v1alpha1.ServiceDaemonSetValues;
import dev.dpf.api.svc.v1alpha1.ServiceDef;
import dev.dpf.api.svc.v1alpha1.ServiceIfc;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSetSpec;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSetSpecTemplate;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSpec;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSpecTemplate;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceTemplate;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.api.svc.v1alpha1.Switch;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The objects a DPUDeployment generates (reference dpuservice.md 12.5, 12.7, 12.8, 12.10), in the v25.x naming:
 * DPUSets {@code <dep>-<nameSuffix>}, DPUService revisions {@code <service>-<5 random>}, their interfaces
 * {@code <service>-<interface, _→->-<the revision's 5 characters>}, chain revisions {@code <dep>-<5 random>}.
 * Pure: no client calls.
 */
public final class Generator {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String RANDOM_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"; // Kubernetes' utilrand alphabet

  private Generator() {}

  /** The service ID of a service (stable across revisions): {@code dpudeployment_<dep>_<service>}. */
  public static String serviceId(DPUDeployment dep, String service) {
    return DPUDeployment.legacyServiceId(dep.getMetadata().getName(), service);
  }

  /** A new revision name {@code <prefix>-<5 random>}. */
  public static String randomName(String prefix, java.util.random.RandomGenerator random) {
    StringBuilder b = new StringBuilder(prefix).append('-');
    for (int i = 0; i < 5; i++) {
      b.append(RANDOM_ALPHABET.charAt(random.nextInt(RANDOM_ALPHABET.length())));
    }
    return b.toString();
  }

  /**
   * Service version digest (12.10.1): JSON of the configuration spec with the upgrade policy neutralised, then JSON
   * of the template spec. Changing only {@code upgradePolicy} / {@code nodeEffect} never makes a new revision.
   */
  public static String serviceVersionDigest(DPUServiceConfiguration configuration, DPUServiceTemplate template) {
    ObjectNode config = SERIALIZATION.convertValue(configuration.getSpec(), ObjectNode.class);
    config.putObject("upgradePolicy");
    config.remove("nodeEffect");
    JsonNode tmpl = SERIALIZATION.convertValue(template.getSpec(), JsonNode.class);
    return Digests.digest10(config, tmpl);
  }

  /** Chain version digest: over the generated switches. */
  public static String chainVersionDigest(List<Switch> switches) {
    return Digests.digest10(SERIALIZATION.convertValue(switches, JsonNode.class));
  }

  public static OwnerReference controllerRef(DPUDeployment dep) {
    return new OwnerReferenceBuilder().withApiVersion(dep.getApiVersion()).withKind(dep.getKind())
        .withName(dep.getMetadata().getName()).withUid(dep.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  private static ObjectMeta meta(DPUDeployment dep, String name) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(dep.getMetadata().getNamespace());
    Map<String, String> labels = new TreeMap<>();
    labels.put(ServiceLabels.OWNED_BY_DPUDEPLOYMENT, dep.ownerLabelValue());
    meta.setLabels(labels);
    meta.setOwnerReferences(new ArrayList<>(List.of(controllerRef(dep))));
    return meta;
  }

  /** Inputs of one generated DPUService revision. */
  public record ServiceRevision(String service, String name, String digest, DPUServiceTemplate template,
      DPUServiceConfiguration configuration, Map<String, Object> values, List<String> interfaceNames) {}

  /** The DPUService of one revision (12.8 with the v25.x additions). */
  public static DPUService dpuService(DPUDeployment dep, ServiceRevision r, List<DPUDeploymentDPUSet> dpuSets) {
    DPUService svc = new DPUService();
    ObjectMeta meta = meta(dep, r.name());
    meta.getLabels().put(ServiceLabels.DPUDEPLOYMENT_SERVICE, r.service());
    meta.setAnnotations(new TreeMap<>(Map.of(ServiceLabels.DPUSERVICE_VERSION, r.digest())));
    svc.setMetadata(meta);
    DPUServiceConfigurationSpec config = r.configuration().getSpec();
    ServiceConfiguration sc = config.getServiceConfiguration();
    boolean inCluster = config.deploysInCluster();
    DPUServiceSpec spec = new DPUServiceSpec();
    spec.setHelmChart(new HelmChart(r.template().getSpec().getHelmChart().getSource(), r.values()));
    spec.setServiceID(serviceId(dep, r.service()));
    if (inCluster) {
      spec.setDeployInCluster(true);
    }
    if (r.interfaceNames() != null && !r.interfaceNames().isEmpty()) {
      spec.setInterfaces(new ArrayList<>(new TreeSet<>(r.interfaceNames())));
    }
    ServiceDaemonSetValues ds = new ServiceDaemonSetValues();
    Map<String, String> labels = new TreeMap<>();
    ServiceConfigurationDaemonSetValues user = sc == null ? null : sc.getServiceDaemonSet();
    if (user != null) {
      if (user.getLabels() != null) {
        labels.putAll(user.getLabels());
      }
      if (user.getAnnotations() != null && !user.getAnnotations().isEmpty()) {
        ds.setAnnotations(new TreeMap<>(user.getAnnotations()));
      }
      ds.setUpdateStrategy(user.getUpdateStrategy());
      ds.setResources(user.getResources());
    }
    labels.put(ServiceLabels.DPUDEPLOYMENT_SERVICE, r.service());
    ds.setLabels(labels);
    if (!inCluster) {
      ds.setNodeSelector(new NodeSelectorBuilder().addNewNodeSelectorTerm().withMatchExpressions(
          new NodeSelectorRequirementBuilder().withKey(ServiceLabels.dpuServiceVersionLabel(r.service()))
              .withOperator("In").withValues(r.name()).build(),
          new NodeSelectorRequirementBuilder().withKey(ServiceLabels.OWNED_BY_DPUDEPLOYMENT)
              .withOperator("In").withValues(dep.ownerLabelValue()).build()).endNodeSelectorTerm().build());
      spec.setDpuClusterSelector(dpuClusterSelector(dpuSets));
      if (r.template().getSpec().getSecurity() != null) {
        spec.setSecurity(r.template().getSpec().getSecurity());
      }
    }
    spec.setServiceDaemonSet(ds);
    if (sc != null && sc.getConfigPorts() != null) {
      spec.setConfigPorts(sc.getConfigPorts());
    }
    svc.setSpec(spec);
    return svc;
  }

  /**
   * The DPUCluster selector of DPU-targeted services: the DPUSets' {@code dpuClusterSelector} when every DPUSet has
   * the same non-empty map, else none (all clusters). Upstream's aggregation is unverified (reference 19).
   */
  static LabelSelector dpuClusterSelector(List<DPUDeploymentDPUSet> dpuSets) {
    if (dpuSets == null || dpuSets.isEmpty()) {
      return null;
    }
    Map<String, String> first = dpuSets.get(0).getDpuClusterSelector();
    if (first == null || first.isEmpty()) {
      return null;
    }
    for (DPUDeploymentDPUSet s : dpuSets) {
      if (!first.equals(s.getDpuClusterSelector())) {
        return null;
      }
    }
    return new LabelSelectorBuilder().withMatchLabels(new TreeMap<>(first)).build();
  }

  /** Interface object name for a revision: v25.x format, reusing the revision's random suffix. */
  public static String interfaceName(DPUDeployment dep, String service, String revisionName, String interfaceName) {
    String ifc = interfaceName.replace('_', '-');
    String prefix = service + "-";
    String suffix = revisionName.startsWith(prefix) ? revisionName.substring(prefix.length()) : null;
    if (suffix == null || suffix.length() != 5) {
      return DPUDeployment.legacyDpuServiceInterfaceName(dep.getMetadata().getName(), service, interfaceName);
    }
    return service + "-" + ifc + "-" + suffix;
  }

  /** The interface names of a revision, in configuration order. */
  public static List<String> interfaceNames(DPUDeployment dep, String service, String revisionName,
      DPUServiceConfiguration configuration) {
    List<String> names = new ArrayList<>();
    List<ServiceInterfaceTemplate> ifcs = configuration.getSpec().getInterfaces();
    if (ifcs != null) {
      ifcs.forEach(i -> names.add(interfaceName(dep, service, revisionName, i.getName())));
    }
    return names;
  }

  /** The DPUServiceInterfaces of a revision (12.7), owned by the DPUDeployment and (non-controller) the revision. */
  public static List<DPUServiceInterface> interfaces(DPUDeployment dep, ServiceRevision r, HasMetadata revision) {
    List<DPUServiceInterface> out = new ArrayList<>();
    List<ServiceInterfaceTemplate> ifcs = r.configuration().getSpec().getInterfaces();
    if (ifcs == null) {
      return out;
    }
    boolean inCluster = r.configuration().getSpec().deploysInCluster();
    String serviceId = serviceId(dep, r.service());
    for (ServiceInterfaceTemplate t : ifcs) {
      DPUServiceInterface dsi = new DPUServiceInterface();
      ObjectMeta meta = meta(dep, interfaceName(dep, r.service(), r.name(), t.getName()));
      meta.setAnnotations(new TreeMap<>(Map.of(ServiceLabels.DPUSERVICE_VERSION, r.digest())));
      if (revision != null && revision.getMetadata().getUid() != null) {
        meta.getOwnerReferences().add(new OwnerReferenceBuilder().withApiVersion(revision.getApiVersion())
            .withKind(revision.getKind()).withName(revision.getMetadata().getName())
            .withUid(revision.getMetadata().getUid()).withController(false).withBlockOwnerDeletion(false).build());
      }
      dsi.setMetadata(meta);
      ServiceDef def = new ServiceDef();
      def.setServiceID(serviceId);
      def.setNetwork(t.getNetwork());
      def.setInterfaceName(t.getName());
      def.setVirtualNetwork(t.getVirtualNetwork());
      ServiceInterfaceSpec ifSpec = new ServiceInterfaceSpec();
      ifSpec.setInterfaceType(InterfaceType.SERVICE);
      ifSpec.setService(def);
      ServiceInterfaceSpecTemplate inner = new ServiceInterfaceSpecTemplate();
      Map<String, String> labels = new TreeMap<>();
      labels.put(ServiceLabels.SERVICE, serviceId);
      labels.put(ServiceLabels.INTERFACE, t.getName());
      inner.setMetadata(new TemplateMeta(labels, null));
      inner.setSpec(ifSpec);
      ServiceInterfaceSetSpec setSpec = new ServiceInterfaceSetSpec();
      if (!inCluster) {
        setSpec.setNodeSelector(versionSelector(ServiceLabels.dpuServiceVersionLabel(r.service()), r.name(), dep));
      }
      setSpec.setTemplate(inner);
      ServiceInterfaceSetSpecTemplate outer = new ServiceInterfaceSetSpecTemplate();
      outer.setSpec(setSpec);
      DPUServiceInterfaceSpec spec = new DPUServiceInterfaceSpec();
      spec.setTemplate(outer);
      dsi.setSpec(spec);
      out.add(dsi);
    }
    return out;
  }

  private static LabelSelector versionSelector(String key, String value, DPUDeployment dep) {
    return new LabelSelectorBuilder().withMatchExpressions(
        new LabelSelectorRequirementBuilder().withKey(key).withOperator("In").withValues(value).build(),
        new LabelSelectorRequirementBuilder().withKey(ServiceLabels.OWNED_BY_DPUDEPLOYMENT).withOperator("In")
            .withValues(dep.ownerLabelValue()).build()).build();
  }

  /**
   * The chain switches (12.7): service ports become selectors on the service ID and interface name; serviceInterface
   * ports are copied. Throws IllegalArgumentException for ports naming unknown services or interfaces.
   */
  public static List<Switch> switches(DPUDeployment dep, List<DPUDeploymentSwitch> switches,
      Map<String, DPUServiceConfiguration> configurations) {
    List<Switch> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (DPUDeploymentSwitch sw : switches) {
      List<ServiceChainPort> ports = new ArrayList<>();
      for (DPUDeploymentPort port : sw.getPorts() == null ? List.<DPUDeploymentPort>of() : sw.getPorts()) {
        ServiceIfc ifc = new ServiceIfc();
        if (port.getService() != null) {
          String name = port.getService().getName();
          String ifName = port.getService().getInterfaceName();
          DPUServiceConfiguration config = configurations.get(name);
          if (config == null) {
            errors.add("service " + name + " referenced in serviceChains is not defined in the DPUDeployment");
            continue;
          }
          List<ServiceInterfaceTemplate> ifcs = config.getSpec().getInterfaces();
          if (ifcs == null || ifcs.stream().noneMatch(i -> i.getName().equals(ifName))) {
            errors.add("interface " + ifName + " of service " + name + " referenced in serviceChains is not defined "
                + "in DPUServiceConfiguration " + config.getMetadata().getNamespace() + "/"
                + config.getMetadata().getName());
            continue;
          }
          Map<String, String> labels = new TreeMap<>();
          labels.put(ServiceLabels.SERVICE, serviceId(dep, name));
          labels.put(ServiceLabels.INTERFACE, ifName);
          ifc.setMatchLabels(labels);
          ifc.setIpam(ipam(port.getService().getIpam()));
        } else if (port.getServiceInterface() != null) {
          ifc.setMatchLabels(new TreeMap<>(port.getServiceInterface().getMatchLabels()));
          ifc.setIpam(ipam(port.getServiceInterface().getIpam()));
        }
        ServiceChainPort p = new ServiceChainPort();
        p.setServiceInterface(ifc);
        ports.add(p);
      }
      Switch s = new Switch();
      s.setPorts(ports);
      s.setServiceMTU(sw.getServiceMTU());
      out.add(s);
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join(", ", errors));
    }
    return out;
  }

  private static ServiceChainIPAM ipam(DPUDeploymentIPAM in) {
    if (in == null) {
      return null;
    }
    ServiceChainIPAM out = new ServiceChainIPAM();
    out.setMatchLabels(in.getMatchLabels() == null ? null : new TreeMap<>(in.getMatchLabels()));
    out.setDefaultGateway(in.getDefaultGateway());
    out.setSetDefaultRoute(in.getSetDefaultRoute());
    return out;
  }

  /** The DPUServiceChain of one chain revision. */
  public static DPUServiceChain chain(DPUDeployment dep, String name, String digest, List<Switch> switches) {
    DPUServiceChain chain = new DPUServiceChain();
    ObjectMeta meta = meta(dep, name);
    meta.setAnnotations(new TreeMap<>(Map.of(ServiceLabels.DPUSERVICECHAIN_VERSION, digest)));
    chain.setMetadata(meta);
    ServiceChainSpec inner = new ServiceChainSpec();
    inner.setSwitches(switches);
    ServiceChainSpecTemplate innerTemplate = new ServiceChainSpecTemplate();
    innerTemplate.setSpec(inner);
    ServiceChainSetSpec setSpec = new ServiceChainSetSpec();
    setSpec.setNodeSelector(versionSelector(ServiceLabels.DPUSERVICECHAIN_VERSION, name, dep));
    setSpec.setTemplate(innerTemplate);
    ServiceChainSetSpecTemplate outer = new ServiceChainSetSpecTemplate();
    outer.setSpec(setSpec);
    DPUServiceChainSpec spec = new DPUServiceChainSpec();
    spec.setTemplate(outer);
    chain.setSpec(spec);
    return chain;
  }

  /**
   * One DPUSet (12.5 with 12.10.4): node labels carry the owner label and the current revision of every DPU-targeted
   * service and of the chain; the node effect says whether a disruptive change is pending and lists the revisions as
   * additional NodeMaintenance requestors.
   */
  public static DPUSet dpuSet(DPUDeployment dep, DPUDeploymentDPUSet in, Map<String, String> versionLabels,
      boolean applyOnLabelChange) {
    DPUSet set = new DPUSet();
    set.setMetadata(meta(dep, DPUDeployment.dpuSetName(dep.getMetadata().getName(), in.getNameSuffix())));
    DPUSetSpec spec = new DPUSetSpec();
    spec.setNodeSelector(in.getNodeSelector());
    spec.setDpuNodeSelector(in.getDpuNodeSelector());
    spec.setDpuSelector(in.getDpuSelector());
    spec.setDpuDeviceSelector(in.getDpuDeviceSelector());
    spec.setStrategy(dep.getSpec().getDpus().effectiveDpuSetStrategy());
    DPUTemplate template = new DPUTemplate();
    if (in.getDpuAnnotations() != null && !in.getDpuAnnotations().isEmpty()) {
      template.setAnnotations(new TreeMap<>(in.getDpuAnnotations()));
    }
    DPUTemplateSpec ts = new DPUTemplateSpec();
    ts.setBfb(new BFBReference(dep.getSpec().getDpus().getBfb()));
    ts.setDpuFlavor(dep.getSpec().getDpus().getFlavor());
    ts.setSecureBoot(dep.getSpec().getDpus().getSecureBoot());
    ts.setAstraEnabled(dep.getSpec().getDpus().getAstraEnabled());
    DPUTemplateCluster cluster = new DPUTemplateCluster();
    Map<String, String> nodeLabels = new TreeMap<>(versionLabels);
    nodeLabels.put(ServiceLabels.OWNED_BY_DPUDEPLOYMENT, dep.ownerLabelValue());
    cluster.setNodeLabels(nodeLabels);
    ts.setCluster(cluster);
    NodeEffect effect = SERIALIZATION.clone(dep.getSpec().getDpus().effectiveNodeEffect());
    List<String> requestors = new ArrayList<>(new TreeSet<>(versionLabels.values().stream()
        .map(v -> dep.ownerLabelValue() + "_" + v).toList()));
    NodeEffectUpgradePolicy policy = new NodeEffectUpgradePolicy();
    policy.setApplyOnLabelChange(applyOnLabelChange);
    policy.setNodeMaintenanceAdditionalRequestors(requestors.isEmpty() ? null : requestors);
    effect.setUpgradePolicy(policy);
    effect.setApplyOnLabelChange(applyOnLabelChange);
    effect.setNodeMaintenanceAdditionalRequestors(requestors.isEmpty() ? null : requestors);
    ts.setNodeEffect(effect);
    template.setSpec(ts);
    spec.setDpuTemplate(template);
    set.setSpec(spec);
    return set;
  }

  /** Ordered map helper for tests and messages. */
  static Map<String, String> ordered(Map<String, String> in) {
    return in == null ? null : new LinkedHashMap<>(new TreeMap<>(in));
  }
}
