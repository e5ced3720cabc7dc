package dev.dpf.agent.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.agent.ovs.OvsClient;
import dev.dpf.agent.ovs.OvsSandbox;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.ServiceChain;
import dev.dpf.api.svc.v1alpha1.ServiceInterface;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceSpec;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A running {@link DpuModeAgent} for one test: the test's API server stands in for the DPU cluster, the
 * {@link OvsSandbox} for the DPU's Open vSwitch; the node name is unique per test.
 */
final class AgentFixture implements AutoCloseable {

  final KubernetesClient client;
  final OvsSandbox ovs;
  final OvsClient ovsClient;
  final String ns;
  final String node = "dpu-" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
  final DpuModeAgent agent;

  AgentFixture(KubeTestContext kube, OvsSandbox ovs, String representorType) {
    this.client = kube.client();
    this.ovs = ovs;
    this.ns = kube.namespace();
    this.ovsClient = new OvsClient(ovs.settings());
    AgentConfig config = AgentConfig.defaults().withRepresentorInterfaceType(representorType)
        .withWatchNamespaces(Set.of(ns)).withStaleRemovalPeriod(Duration.ofHours(1));
    this.agent = new DpuModeAgent(client, node, ovsClient, config, Clock.systemUTC(), Metrics.NOOP);
    agent.start();
    await().atMost(Duration.ofSeconds(20)).until(agent::healthy);
  }

  ServiceInterface createSi(String name, Map<String, String> labels, ServiceInterfaceSpec spec) {
    return client.resource(Objects.si(ns, name, node, labels, spec)).create();
  }

  ServiceChain createChain(ServiceChain chain) {
    return client.resource(chain).create();
  }

  ServiceInterface si(String name) {
    return client.resources(ServiceInterface.class).inNamespace(ns).withName(name).get();
  }

  ServiceChain chain(String name) {
    return client.resources(ServiceChain.class).inNamespace(ns).withName(name).get();
  }

  ServiceInterface awaitSiReady(String name) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ServiceInterface si = si(name);
      assertThat(si.getMetadata().getFinalizers()).contains(ServiceInterface.FINALIZER);
      assertThat(StatusConditions.isTrue(si.getStatus(), Conditions.READY))
          .as("%s Ready: %s", name, si.getStatus() == null ? null : si.getStatus().getConditions()).isTrue();
      assertThat(StatusConditions.isTrue(si.getStatus(), ServiceInterface.CONDITION_SERVICE_INTERFACE_RECONCILED))
          .isTrue();
      assertThat(si.getStatus().getObservedGeneration()).isEqualTo(si.getMetadata().getGeneration());
    });
    return si(name);
  }

  ServiceChain awaitChainReady(String name) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ServiceChain chain = chain(name);
      assertThat(chain.getMetadata().getFinalizers()).contains(ServiceChain.FINALIZER);
      assertThat(StatusConditions.isTrue(chain.getStatus(), Conditions.READY))
          .as("%s: %s", name, chain.getStatus() == null ? null : chain.getStatus().getConditions()).isTrue();
    });
    return chain(name);
  }

  static Condition condition(HasMetadata o, String type) {
    dev.dpf.api.common.DpfStatus status = o instanceof ServiceChain c ? c.getStatus()
        : ((ServiceInterface) o).getStatus();
    return StatusConditions.find(status, type).orElse(null);
  }

  List<Event> warnings(String involvedName) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "Warning".equals(e.getType()) && involvedName.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** The flows of br-sfc carrying a chain's cookie ({@code ovs-ofctl dump-flows}, no statistics). */
  List<String> flowsOf(String chainName) {
    String cookie = "cookie=0x" + Long.toHexString(Fnv.chainCookie(ns, chainName)) + ",";
    return ovs.flows("br-sfc").stream().filter(l -> l.startsWith(cookie)).toList();
  }

  /** Static (not learned) flows of a chain in the two-table pipeline. */
  List<String> staticFlowsOf(String chainName) {
    return flowsOf(chainName).stream().filter(l -> !l.contains("idle_timeout=10, priority=1,")).toList();
  }

  @Override
  public void close() {
    agent.close();
    ovsClient.close();
  }
}
