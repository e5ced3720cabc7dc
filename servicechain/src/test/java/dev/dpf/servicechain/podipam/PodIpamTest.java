package dev.dpf.servicechain.podipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceIPAM;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.common.testing.DpuClusterFixtures;
import dev.dpf.servicechain.ServiceChainModule;
import dev.dpf.servicechain.dpuserviceipam.NvIpamPools;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The pod IPAM injector on a real DPU-cluster API server: a Pending pod of a DPUService on a DPU node gets the NVIPAM
 * pool of its chain port written into its networks annotation (reference §3.4, Appendix A.3). No kubelet runs, so
 * the pod stays Pending as it would until its sandbox is created.
 */
@KubeTest
class PodIpamTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void poolOfTheChainPortIsWrittenIntoThePodNetworks(KubeTestContext kube) throws Exception {
    String ns = kube.namespace();
    KubernetesClient dpu = kube.dpuClient(1);
    String node = ns + "-a";
    dpu.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).addToLabels("test.dpf.dev/run", ns)
        .endMetadata().build()).create();
    try (ControllerHarness harness = ControllerHarness.start(kube, new ServiceChainModule()::register)) {
      DpuClusterFixtures.readyStaticCluster(kube, 1, "dpu-cluster-1");
      create(kube, DPUServiceIPAM.class, """
          apiVersion: svc.dpu.nvidia.com/v1alpha1
          kind: DPUServiceIPAM
          metadata: {name: pool1}
          spec:
            metadata: {labels: {svc.dpu.nvidia.com/pool: pool1}}
            ipv4Subnet: {subnet: 192.168.0.0/20, gateway: 192.168.0.1, perNodeIPCount: 256}
          """);
      await().atMost(WAIT).until(() -> NvIpamPools.IPPOOL.in(dpu).inNamespace(ns).withName("pool1").get() != null);

      String networks = "[{\"name\":\"mybrsfc\",\"interface\":\"app_sf\"},"
          + "{\"name\":\"iprequest\",\"interface\":\"ip_lo\",\"cni-args\":{\"poolNames\":[\"loopback\"],"
          + "\"poolType\":\"cidrpool\"}}]";
      dpu.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("app").withNamespace(ns)
          .addToLabels("svc.dpu.nvidia.com/service", "doca-app")
          .addToAnnotations(ServiceLabels.MULTUS_NETWORKS, networks).endMetadata()
          .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("app:1").endContainer()
          .endSpec().build()).create();

      // interface and chain arrive after the pod: their events wake it
      create(kube, DPUServiceInterface.class, """
          apiVersion: svc.dpu.nvidia.com/v1alpha1
          kind: DPUServiceInterface
          metadata: {name: app-sf}
          spec:
            template:
              spec:
                nodeSelector: {matchLabels: {test.dpf.dev/run: ${ns}}}
                template:
                  metadata:
                    labels: {svc.dpu.nvidia.com/interface: app_sf, svc.dpu.nvidia.com/service: doca-app}
                  spec:
                    interfaceType: service
                    service: {serviceID: doca-app, network: mybrsfc, interfaceName: app_sf}
          """);
      create(kube, DPUServiceChain.class, """
          apiVersion: svc.dpu.nvidia.com/v1alpha1
          kind: DPUServiceChain
          metadata: {name: app-chain}
          spec:
            template:
              spec:
                nodeSelector: {matchLabels: {test.dpf.dev/run: ${ns}}}
                template:
                  spec:
                    switches:
                    - ports:
                      - serviceInterface:
                          matchLabels: {svc.dpu.nvidia.com/interface: app_sf}
                          ipam: {matchLabels: {svc.dpu.nvidia.com/pool: pool1}, defaultGateway: true}
                      - serviceInterface: {matchLabels: {uplink: p0}}
          """);

      ObjectMapper json = new ObjectMapper();
      await().atMost(WAIT).untilAsserted(() -> {
        Pod pod = dpu.pods().inNamespace(ns).withName("app").get();
        assertThat(json.readTree(pod.getMetadata().getAnnotations().get(ServiceLabels.MULTUS_NETWORKS)))
            .isEqualTo(json.readTree("[{\"name\":\"mybrsfc\",\"interface\":\"app_sf\",\"cni-args\":"
                + "{\"allocateDefaultGateway\":true,\"poolNames\":[\"pool1\"],\"poolType\":\"ippool\"}},"
                + "{\"name\":\"iprequest\",\"interface\":\"ip_lo\",\"cni-args\":{\"poolNames\":[\"loopback\"],"
                + "\"poolType\":\"cidrpool\"}}]"));
        assertThat(pod.getMetadata().getManagedFields()).anyMatch(m -> "podIpamcontroller".equals(m.getManager()));
      });
    } finally {
      dpu.pods().inNamespace(ns).withName("app").withGracePeriod(0).delete();
      dpu.nodes().withName(node).delete();
    }
  }

  static <T extends HasMetadata> void create(KubeTestContext kube, Class<T> type, String yaml) {
    T object = SERIALIZATION.unmarshal(yaml.replace("${ns}", kube.namespace()), type);
    object.getMetadata().setNamespace(kube.namespace());
    kube.client().resource(object).create();
  }
}
