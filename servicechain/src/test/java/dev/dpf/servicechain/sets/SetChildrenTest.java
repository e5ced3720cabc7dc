package dev.dpf.servicechain.sets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.api.svc.v1alpha1.ChainLabels;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceChainSet;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Child construction of §3.3 against Appendix A.1 / A.2. */
class SetChildrenTest {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void serviceInterfaceOfAppendixA1() {
    ServiceInterfaceSet set = SERIALIZATION.unmarshal("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: ServiceInterfaceSet
        metadata: {name: p0-sf, namespace: dpf-operator-system, uid: u-1, labels: {team: net}}
        spec:
          nodeSelector: {matchLabels: {bfb: dk}}
          template:
            metadata:
              labels: {svc.dpu.nvidia.com/interface: p0_sf, svc.dpu.nvidia.com/service: doca-hbn}
            spec:
              interfaceType: service
              service: {serviceID: doca-hbn, network: mybrhbn, interfaceName: p0_if}
        """, ServiceInterfaceSet.class);
    ServiceInterface child = SetChildren.serviceInterface(set, "dpu-node-1",
        SetChildren.childName("p0-sf", "dpu-node-1"));
    ServiceInterface expected = SERIALIZATION.unmarshal("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: ServiceInterface
        metadata:
          name: p0-sf-dpu-node-1
          namespace: dpf-operator-system
          labels:
            svc.dpu.nvidia.com/serviceinterfaceset-name: p0-sf
            svc.dpu.nvidia.com/serviceinterfaceset-namespace: dpf-operator-system
            svc.dpu.nvidia.com/nodeName: dpu-node-1
            svc.dpu.nvidia.com/service-id: doca-hbn
            svc.dpu.nvidia.com/interface: p0_sf
            svc.dpu.nvidia.com/service: doca-hbn
          ownerReferences:
          - {apiVersion: svc.dpu.nvidia.com/v1alpha1, kind: ServiceInterfaceSet, name: p0-sf, uid: u-1, controller: true, blockOwnerDeletion: true}
        spec:
          node: dpu-node-1
          interfaceType: service
          service: {serviceID: doca-hbn, network: mybrhbn, interfaceName: p0_if}
        """, ServiceInterface.class);
    assertThat(SERIALIZATION.asJson(child)).isEqualTo(SERIALIZATION.asJson(expected));
    // the set's own template is not modified
    assertThat(set.getSpec().getTemplate().getSpec().getNode()).isNull();
  }

  @Test
  void parentInterfaceRefsAreSuffixedAndTemplateLabelsWin() {
    ServiceInterfaceSet set = SERIALIZATION.unmarshal("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: ServiceInterfaceSet
        metadata: {name: vlans, namespace: ns, uid: u}
        spec:
          template:
            metadata:
              labels: {svc.dpu.nvidia.com/nodeName: overridden}
              annotations: {a: b}
            spec:
              interfaceType: vlan
              vlan: {vlanID: 10, parentInterfaceRef: p0}
        """, ServiceInterfaceSet.class);
    ServiceInterface child = SetChildren.serviceInterface(set, "n1", "vlans-n1");
    assertThat(child.getSpec().getVlan().getParentInterfaceRef()).isEqualTo("p0-n1");
    assertThat(child.getMetadata().getLabels()).containsEntry(ChainLabels.NODE_NAME, "overridden")
        .doesNotContainKey(ChainLabels.SERVICE_ID);
    assertThat(child.getMetadata().getAnnotations()).isEqualTo(Map.of("a", "b"));

    set.getSpec().getTemplate().setSpec(SERIALIZATION.unmarshal(
        "interfaceType: vf\nvf: {vfID: 1, pfID: 0, parentInterfaceRef: pf0}\n",
        dev.dpf.api.svc.v1alpha1.ServiceInterfaceSpec.class));
    assertThat(SetChildren.serviceInterface(set, "n2", "x").getSpec().getVf().getParentInterfaceRef())
        .isEqualTo("pf0-n2");
  }

  @Test
  void serviceChainOfAppendixA2() {
    ServiceChainSet set = SERIALIZATION.unmarshal("""
        apiVersion: svc.dpu.nvidia.com/v1alpha1
        kind: ServiceChainSet
        metadata: {name: hbn-to-fabric, namespace: dpf-operator-system, uid: u-2}
        spec:
          template:
            spec:
              switches:
              - ports:
                - serviceInterface: {matchLabels: {uplink: p0}}
                - serviceInterface: {matchLabels: {svc.dpu.nvidia.com/service: doca-hbn, svc.dpu.nvidia.com/interface: p0_sf}}
        """, ServiceChainSet.class);
    ServiceChain chain = SetChildren.serviceChain(set, "dpu-a", SetChildren.childName("hbn-to-fabric", "dpu-a"));
    assertThat(chain.getMetadata().getName()).isEqualTo("hbn-to-fabric-dpu-a");
    assertThat(chain.getMetadata().getLabels()).isEqualTo(Map.of(
        ChainLabels.SERVICE_CHAIN_SET_NAME, "hbn-to-fabric",
        ChainLabels.SERVICE_CHAIN_SET_NAMESPACE, "dpf-operator-system",
        ChainLabels.NODE_NAME, "dpu-a"));
    assertThat(chain.getSpec().getNode()).isEqualTo("dpu-a");
    assertThat(SERIALIZATION.asJson(chain.getSpec().getSwitches()))
        .isEqualTo(SERIALIZATION.asJson(set.getSpec().getTemplate().getSpec().getSwitches()));
    assertThat(chain.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("ServiceChainSet");
  }

  @Test
  void overlongNamesStayValidAndDeterministic() {
    String node = "n".repeat(250);
    String name = SetChildren.childName("set", node);
    assertThat(name).hasSizeLessThanOrEqualTo(253).isEqualTo(SetChildren.childName("set", node))
        .isNotEqualTo(SetChildren.childName("set", node + "x"));
    assertThat(name).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  }
}
