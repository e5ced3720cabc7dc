package dev.dpf.agent.dpu;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.InterfaceType;
import dev.dpf.api.svc.v1alpha1.OVN;
import dev.dpf.api.svc.v1alpha1.PF;
import dev.dpf.api.svc.v1alpha1.Patch;
import dev.dpf.api.svc.v1alpha1.PhysicalInterface;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceChainPort;
import dev.dpf.api.svc.v1alpha1.ServiceChainSpec;
import dev.dpf.api.svc.v1alpha1.ServiceDef;
import dev.dpf.api.svc.v1alpha1.ServiceIfc;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSpec;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceStatus;
import dev.dpf.api.svc.v1alpha1.Switch;
import dev.dpf.api.svc.v1alpha1.VF;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;

/** Builders of the objects the agent consumes, as the set controllers would create them. */
final class Objects {

  private Objects() {}

  static ServiceInterface si(String ns, String name, String node, Map<String, String> labels,
      ServiceInterfaceSpec spec) {
    ServiceInterface si = new ServiceInterface();
    si.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withLabels(labels).build());
    spec.setNode(node);
    si.setSpec(spec);
    return si;
  }

  static ServiceInterface ready(ServiceInterface si) {
    ServiceInterfaceStatus status = new ServiceInterfaceStatus();
    status.conditions().add(new ConditionBuilder().withType(Conditions.READY).withStatus("True")
        .withReason("Success").build());
    si.setStatus(status);
    return si;
  }

  static ServiceInterfaceSpec physical(String interfaceName) {
    ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
    spec.setInterfaceType(InterfaceType.PHYSICAL);
    PhysicalInterface p = new PhysicalInterface();
    p.setInterfaceName(interfaceName);
    spec.setPhysical(p);
    return spec;
  }

  static ServiceInterfaceSpec pf(int pfId) {
    ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
    spec.setInterfaceType(InterfaceType.PF);
    PF pf = new PF();
    pf.setPfID(pfId);
    spec.setPf(pf);
    return spec;
  }

  static ServiceInterfaceSpec vf(int pfId, int vfId) {
    ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
    spec.setInterfaceType(InterfaceType.VF);
    VF vf = new VF();
    vf.setPfID(pfId);
    vf.setVfID(vfId);
    vf.setParentInterfaceRef("p0");
    spec.setVf(vf);
    return spec;
  }

  static ServiceInterfaceSpec ovn(String externalBridge) {
    ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
    spec.setInterfaceType(InterfaceType.OVN);
    if (externalBridge != null) {
      OVN ovn = new OVN();
      ovn.setExternalBridge(externalBridge);
      spec.setOvn(ovn);
    }
    return spec;
  }

  static ServiceInterfaceSpec patch(String peerBridge, String peerPatchName, Map<String, String> peerIds) {
    ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
    spec.setInterfaceType(InterfaceType.PATCH);
    Patch patch = new Patch();
    patch.setPeerBridge(peerBridge);
    patch.setPeerPatchName(peerPatchName);
    patch.setPeerExternalIDs(peerIds);
    spec.setPatch(patch);
    return spec;
  }

  static ServiceInterfaceSpec service(String serviceId, String interfaceName) {
    ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
    spec.setInterfaceType(InterfaceType.SERVICE);
    ServiceDef s = new ServiceDef();
    s.setServiceID(serviceId);
    s.setNetwork("mybrsfc");
    s.setInterfaceName(interfaceName);
    spec.setService(s);
    return spec;
  }

  static ServiceInterfaceSpec vlan() {
    ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
    spec.setInterfaceType(InterfaceType.VLAN);
    dev.dpf.api.svc.v1alpha1.VLAN v = new dev.dpf.api.svc.v1alpha1.VLAN();
    v.setVlanID(10);
    v.setParentInterfaceRef("p0");
    spec.setVlan(v);
    return spec;
  }

  /** A chain: each switch is a list of matchLabels maps. */
  @SafeVarargs
  static ServiceChain chain(String ns, String name, String node, List<Map<String, String>>... switches) {
    ServiceChain chain = new ServiceChain();
    chain.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    ServiceChainSpec spec = new ServiceChainSpec();
    spec.setNode(node);
    List<List<Map<String, String>>> all = new java.util.ArrayList<>();
    for (List<Map<String, String>> sw : switches) {
      all.add(sw);
    }
    spec.setSwitches(all.stream().map(ports -> {
      Switch sw = new Switch();
      sw.setPorts(ports.stream().map(labels -> {
        ServiceIfc ifc = new ServiceIfc();
        ifc.setMatchLabels(labels);
        ServiceChainPort port = new ServiceChainPort();
        port.setServiceInterface(ifc);
        return port;
      }).toList());
      return sw;
    }).toList());
    chain.setSpec(spec);
    return chain;
  }

  static Pod pod(String ns, String name, String node, Map<String, String> labels) {
    return new PodBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("example/service:1")
        .endContainer().endSpec().build();
  }
}
