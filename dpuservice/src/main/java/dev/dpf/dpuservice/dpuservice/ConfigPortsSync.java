package dev.dpf.dpuservice.dpuservice;

import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.api.svc.v1alpha1.ConfigPort;
import dev.dpf.api.svc.v1alpha1.ConfigPorts;
import dev.dpf.api.svc.v1alpha1.ConfigPortsServiceType;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.cluster.DpuClusterClients.ClusterRef;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.dpuservice.argocd.Owners;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Config ports (reference 10.12): the NodePorts of the chart's Service in the DPU cluster are exposed in the host
 * cluster through a Service without selector plus an EndpointSlice pointing at the DPU nodes. Both carry a controller
 * owner reference to the DPUService and are server-side applied with field owner {@code dpuservice-manager}, and
 * only when the desired content or the object (resourceVersion) changed.
 */
@Rbac(group = "", resources = {"services"},
    verbs = {"get", "list", "watch", "create", "patch", "update", "delete", "deletecollection"})
@Rbac(group = "discovery.k8s.io", resources = {"endpointslices"},
    verbs = {"get", "list", "watch", "create", "patch", "update", "delete", "deletecollection"})
final class ConfigPortsSync {

  static final String MANAGED_BY = DPUService.FIELD_OWNER;

  private final KubernetesClient client;
  private final DpuClusterServices remote;
  private final InformerEventSource<Service, DPUService> hostServices;
  private final InformerEventSource<EndpointSlice, DPUService> hostSlices;
  private final Map<String, String> applied = new java.util.concurrent.ConcurrentHashMap<>();

  ConfigPortsSync(KubernetesClient client, DpuClusterServices remote,
      InformerEventSource<Service, DPUService> hostServices, InformerEventSource<EndpointSlice, DPUService> hostSlices) {
    this.client = client;
    this.remote = remote;
    this.hostServices = hostServices;
    this.hostSlices = hostSlices;
  }

  /** Reconciles the host objects; {@code ready} are the Ready DPU clusters the DPUService targets. */
  void reconcile(DPUService service, List<ClusterRef> ready) throws StepException {
    ConfigPorts configPorts = service.getSpec().getConfigPorts();
    if (configPorts == null || configPorts.getPorts() == null || configPorts.getPorts().isEmpty()
        || ready.isEmpty() || service.deploysInCluster()) {
      cleanup(service);
      return;
    }
    if (ready.size() > 1) {
      throw new StepException("multiple clusters are currently not supported", false);
    }
    ClusterRef cluster = ready.get(0);
    String prefix = "config ports not ready yet for cluster \"" + cluster.name() + "\": ";
    DpuClusterServices.View view = remote.view(cluster)
        .orElseThrow(() -> new StepException(prefix + "the DPU cluster's caches are not synced yet", true));
    Map<String, Integer> nodePorts = discover(service, configPorts, view, prefix);
    Map<String, Integer> previous = previousNodePorts(service, cluster.name());
    Service desiredService = hostService(service, configPorts, cluster.name(), nodePorts, previous);
    EndpointSlice desiredSlice = endpointSlice(service, configPorts, cluster.name(), nodePorts, view.nodes());
    try {
      apply(desiredService, hostServices.get(ResourceID.fromResource(desiredService)).orElse(null));
      apply(desiredSlice, hostSlices.get(ResourceID.fromResource(desiredSlice)).orElse(null));
    } catch (KubernetesClientException e) {
      throw new StepException(Prerequisites.message(e), true, e);
    }
  }

  private static Map<String, Integer> discover(DPUService service, ConfigPorts configPorts,
      DpuClusterServices.View view, String prefix) throws StepException {
    List<Service> services = view.servicesOf(service.getMetadata().getNamespace(), service.getMetadata().getName());
    if (services.size() != 1) {
      throw new StepException(prefix + "expected 1 service, got " + services.size(), false);
    }
    Service dpuSide = services.get(0);
    Set<String> wanted = configPorts.getPorts().stream().map(ConfigPort::getName).collect(Collectors.toSet());
    Map<String, Integer> found = new LinkedHashMap<>();
    for (ServicePort port : dpuSide.getSpec().getPorts() == null ? List.<ServicePort>of()
        : dpuSide.getSpec().getPorts()) {
      if (!wanted.contains(port.getName())) {
        continue;
      }
      if (port.getNodePort() == null || port.getNodePort() == 0) {
        throw new StepException(prefix + "nodePort is not set for service \"" + dpuSide.getMetadata().getName()
            + "\"", false);
      }
      found.put(port.getName(), port.getNodePort());
    }
    if (found.size() != wanted.size()) {
      throw new StepException(prefix + "creation of Service on DPU not ready yet, expected " + wanted.size()
          + " nodePorts, got " + found.size(), false);
    }
    return found;
  }

  private static Map<String, Integer> previousNodePorts(DPUService service, String clusterName) {
    Map<String, Integer> previous = new LinkedHashMap<>();
    if (service.getStatus() != null && service.getStatus().getConfigPorts() != null
        && service.getStatus().getConfigPorts().get(clusterName) != null) {
      for (ConfigPort p : service.getStatus().getConfigPorts().get(clusterName)) {
        if (p.getNodePort() != null && p.getNodePort() > 0) {
          previous.put(p.getName(), p.getNodePort());
        }
      }
    }
    return previous;
  }

  static Map<String, String> ownLabels(DPUService service, String clusterName) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ServiceLabels.DPUSERVICE_NAME, service.getMetadata().getName());
    labels.put(ServiceLabels.DPUSERVICE_NAMESPACE, service.getMetadata().getNamespace());
    labels.put(ServiceLabels.EXPOSED_PORT_FOR_DPUCLUSTER, clusterName);
    return labels;
  }

  static Service hostService(DPUService service, ConfigPorts configPorts, String clusterName,
      Map<String, Integer> nodePorts, Map<String, Integer> previous) {
    ConfigPortsServiceType type = configPorts.effectiveServiceType();
    List<ServicePort> ports = new ArrayList<>();
    for (ConfigPort p : configPorts.getPorts()) {
      ServicePortBuilder port = new ServicePortBuilder()
          .withName(p.getName())
          .withPort(p.getPort())
          .withTargetPort(new IntOrString(nodePorts.get(p.getName())))
          .withProtocol(p.getProtocol().value());
      if (type == ConfigPortsServiceType.NODE_PORT) {
        Integer nodePort = p.getNodePort() != null ? p.getNodePort() : previous.get(p.getName());
        port.withNodePort(nodePort);
      }
      ports.add(port.build());
    }
    ServiceBuilder builder = new ServiceBuilder()
        .withNewMetadata()
          .withName(service.getMetadata().getName())
          .withNamespace(service.getMetadata().getNamespace())
          .withLabels(ownLabels(service, clusterName))
          .withOwnerReferences(Owners.controllerReference(service))
        .endMetadata()
        .withNewSpec()
          .withType(type == ConfigPortsServiceType.NODE_PORT ? "NodePort" : "ClusterIP")
          .withInternalTrafficPolicy("Local")
          .withPorts(ports)
        .endSpec();
    if (type == ConfigPortsServiceType.NODE_PORT) {
      builder.editSpec().withExternalTrafficPolicy("Local").endSpec();
    }
    if (type == ConfigPortsServiceType.NONE) {
      builder.editSpec().withClusterIP("None").endSpec();
    }
    return builder.build();
  }

  static EndpointSlice endpointSlice(DPUService service, ConfigPorts configPorts, String clusterName,
      Map<String, Integer> nodePorts, List<Node> dpuNodes) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (service.getMetadata().getLabels() != null) {
      labels.putAll(service.getMetadata().getLabels());
    }
    labels.putAll(ownLabels(service, clusterName));
    labels.put(ServiceLabels.ENDPOINTSLICE_MANAGED_BY, MANAGED_BY);
    labels.put("kubernetes.io/service-name", service.getMetadata().getName());
    var selector = service.getSpec().getServiceDaemonSet() == null ? null
        : service.getSpec().getServiceDaemonSet().getNodeSelector();
    TreeMap<String, Endpoint> endpoints = new TreeMap<>();
    for (Node node : dpuNodes) {
      String name = node.getMetadata().getName();
      if (!NodeSelectors.matches(selector, name, node.getMetadata().getLabels())) {
        continue;
      }
      String ip = internalIp(node);
      if (ip == null) {
        continue;
      }
      EndpointBuilder endpoint = new EndpointBuilder().withAddresses(ip).withNewConditions().withReady(true)
          .endConditions();
      String host = node.getMetadata().getLabels() == null ? null
          : node.getMetadata().getLabels().get(ProvisioningLabels.HOST);
      if (host != null && !host.isEmpty()) {
        endpoint.withNodeName(host);
      }
      endpoints.put(name, endpoint.build());
    }
    EndpointSliceBuilder slice = new EndpointSliceBuilder()
        .withNewMetadata()
          .withName(service.getMetadata().getName())
          .withNamespace(service.getMetadata().getNamespace())
          .withLabels(labels)
          .withOwnerReferences(Owners.controllerReference(service))
        .endMetadata()
        .withAddressType("IPv4");
    for (ConfigPort p : configPorts.getPorts()) {
      slice.addToPorts(new EndpointPortBuilder().withName(p.getName()).withPort(nodePorts.get(p.getName()))
          .withProtocol(p.getProtocol().value()).build());
    }
    if (!endpoints.isEmpty()) {
      slice.withEndpoints(new ArrayList<>(endpoints.values()));
    }
    return slice.build();
  }

  private static String internalIp(Node node) {
    if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
      return null;
    }
    return node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
        .map(NodeAddress::getAddress).filter(a -> a != null && !a.isEmpty()).findFirst().orElse(null);
  }

  /** Server-side apply unless the cached object is the one our last apply of the same content produced. */
  private void apply(HasMetadata desired, HasMetadata cached) {
    String key = desired.getKind() + "/" + desired.getMetadata().getNamespace() + "/" + desired.getMetadata().getName();
    String fingerprint = ApplyMemo.fingerprint(desired);
    String memo = applied.get(key);
    if (cached != null && memo != null && memo.equals(fingerprint + "@" + cached.getMetadata().getResourceVersion())) {
      return;
    }
    HasMetadata result = client.resource(desired).fieldManager(DPUService.FIELD_OWNER).forceConflicts()
        .serverSideApply();
    applied.put(key, fingerprint + "@" + result.getMetadata().getResourceVersion());
  }

  /** Deletes the config-port Services and EndpointSlices of the DPUService (when they exist in the cache). */
  void cleanup(DPUService service) throws StepException {
    String namespace = service.getMetadata().getNamespace();
    Map<String, String> selector = Map.of(
        ServiceLabels.DPUSERVICE_NAME, service.getMetadata().getName(),
        ServiceLabels.DPUSERVICE_NAMESPACE, namespace);
    boolean anyService = hostServices.list(namespace, s -> owned(s, selector)).findAny().isPresent();
    boolean anySlice = hostSlices.list(namespace, s -> owned(s, selector)).findAny().isPresent();
    try {
      if (anySlice) {
        client.discovery().v1().endpointSlices().inNamespace(namespace).withLabels(selector)
            .withLabel(ServiceLabels.EXPOSED_PORT_FOR_DPUCLUSTER).delete();
      }
      if (anyService) {
        client.services().inNamespace(namespace).withLabels(selector)
            .withLabel(ServiceLabels.EXPOSED_PORT_FOR_DPUCLUSTER).delete();
      }
    } catch (KubernetesClientException e) {
      throw new StepException(Prerequisites.message(e), true, e);
    }
    applied.keySet().removeIf(k -> k.endsWith("/" + namespace + "/" + service.getMetadata().getName()));
  }

  /**
   * {@code status.configPorts} (10.12.5): per DPUCluster name, the ports as exposed on the host Service (with the
   * allocated nodePort for NodePort services); null when there is nothing.
   */
  Map<String, List<ConfigPort>> status(DPUService service, Set<String> clusterNames) {
    ConfigPorts configPorts = service.getSpec().getConfigPorts();
    if (configPorts == null || configPorts.getPorts() == null) {
      return null;
    }
    Set<String> wanted = configPorts.getPorts().stream().map(ConfigPort::getName).collect(Collectors.toSet());
    Map<String, String> selector = Map.of(
        ServiceLabels.DPUSERVICE_NAME, service.getMetadata().getName(),
        ServiceLabels.DPUSERVICE_NAMESPACE, service.getMetadata().getNamespace());
    Map<String, List<ConfigPort>> result = new TreeMap<>();
    List<Service> services = hostServices.list(service.getMetadata().getNamespace(), s -> owned(s, selector))
        .sorted(Comparator.comparing(s -> s.getMetadata().getName())).toList();
    for (Service s : services) {
      String cluster = s.getMetadata().getLabels().get(ServiceLabels.EXPOSED_PORT_FOR_DPUCLUSTER);
      if (cluster == null || !clusterNames.contains(cluster) || s.getSpec() == null || s.getSpec().getPorts() == null) {
        continue;
      }
      String type = "None".equals(s.getSpec().getClusterIP()) ? "None" : s.getSpec().getType();
      boolean nodePortType = "NodePort".equals(type);
      for (ServicePort p : s.getSpec().getPorts()) {
        if (!wanted.contains(p.getName())) {
          continue;
        }
        if (nodePortType && (p.getNodePort() == null || p.getNodePort() == 0)
            || !("TCP".equals(p.getProtocol()) || "UDP".equals(p.getProtocol()))) {
          continue;
        }
        result.computeIfAbsent(cluster, c -> new ArrayList<>()).add(new ConfigPort(p.getName(), p.getPort(),
            dev.dpf.api.svc.v1alpha1.ConfigPortProtocol.valueOf(p.getProtocol()), nodePortType ? p.getNodePort()
                : null));
      }
    }
    return result.isEmpty() ? null : result;
  }

  private static boolean owned(HasMetadata o, Map<String, String> selector) {
    Map<String, String> labels = o.getMetadata().getLabels();
    return labels != null && labels.containsKey(ServiceLabels.EXPOSED_PORT_FOR_DPUCLUSTER)
        && labels.entrySet().containsAll(selector.entrySet());
  }
}
