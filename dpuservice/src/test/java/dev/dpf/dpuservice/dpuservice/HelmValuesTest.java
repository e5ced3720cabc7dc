package dev.dpf.dpuservice.dpuservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpf.api.svc.v1alpha1.ConfigPort;
import dev.dpf.api.svc.v1alpha1.ConfigPortProtocol;
import dev.dpf.api.svc.v1alpha1.ConfigPorts;
import dev.dpf.api.svc.v1alpha1.ConfigPortsServiceType;
import dev.dpf.api.svc.v1alpha1.ServiceDaemonSetValues;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategyBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Helm values merge (reference 10.6) with the test vectors of Appendix A.1. */
class HelmValuesTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) throws Exception {
    return text.equals("null") ? null : JSON.readValue(text, Map.class);
  }

  @ParameterizedTest(name = "A.1 {index}: {0} over {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"serviceDaemonSet\":{\"labels\":{\"a\":\"1\"}}} | {\"serviceDaemonSet\":{\"labels\":{\"a\":\"9\",\"b\":\"2\"}},\"image\":{\"tag\":\"x\"}} | {\"serviceDaemonSet\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}},\"image\":{\"tag\":\"x\"}}",
      "{\"serviceDaemonSet\":{}} | {\"serviceDaemonSet\":\"oops\"} | {\"serviceDaemonSet\":{}}",
      "{\"serviceDaemonSet\":{\"annotations\":{\"x\":\"y\"}}} | {\"serviceDaemonSet\":{\"annotations\":null}} | {\"serviceDaemonSet\":{\"annotations\":{\"x\":\"y\"}}}",
      "{\"worker\":{\"parallelization\":10}} | {\"worker\":{\"parallelization\":5,\"resources\":{\"limits\":{\"cpu\":1}}}} | {\"worker\":{\"parallelization\":10,\"resources\":{\"limits\":{\"cpu\":1}}}}",
      "{\"list\":[1]} | {\"list\":[2,3]} | {\"list\":[1]}",
      "null | {\"a\":1} | {\"a\":1}",
      "{\"a\":1} | null | {\"a\":1}",
  })
  void appendixA1(String dst, String src, String expected) throws Exception {
    List<String> warnings = new ArrayList<>();
    Map<String, Object> result = HelmValues.coalesce(json(dst), json(src), warnings::add);
    assertThat(tree(result)).isEqualTo(JSON.readTree(expected));
  }

  @Test
  void tableVersusNonTableIsReportedAndDstKept() throws Exception {
    List<String> warnings = new ArrayList<>();
    HelmValues.coalesce(json("{\"serviceDaemonSet\":{}}"), json("{\"serviceDaemonSet\":\"oops\"}"), warnings::add);
    assertThat(warnings).singleElement().asString().contains("serviceDaemonSet");
  }

  @Test
  void nullInDestinationDeletesTheKeyAsHelmDoes() throws Exception {
    Map<String, Object> result = HelmValues.coalesce(json("{\"a\":null,\"b\":{\"c\":null}}"),
        json("{\"a\":1,\"b\":{\"c\":2,\"d\":3}}"), w -> {});
    assertThat(tree(result)).isEqualTo(JSON.readTree("{\"b\":{\"d\":3}}"));
  }

  @Test
  void example16_1_serviceDaemonSetWithGeneratedServiceLabel() throws Exception {
    ServiceDaemonSetValues sds = new ServiceDaemonSetValues();
    sds.setUpdateStrategy(new DaemonSetUpdateStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxUnavailable(new IntOrString(2)).endRollingUpdate().build());
    sds.setLabels(Map.of("example.com/team", "infra"));
    sds.setAnnotations(Map.of("example.com/owner", "infra"));
    Map<String, Object> values = HelmValues.compute(new HelmValues.Inputs(sds, "14c43bbc14", null,
        "doca-blueman-service", "dpf-operator-system", false, "dpu-cplane-tenant1"), null);
    assertThat(tree(values)).isEqualTo(JSON.readTree("""
        {"serviceDaemonSet": {
          "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 2}},
          "labels": {"example.com/team": "infra", "svc.dpu.nvidia.com/service": "14c43bbc14"},
          "annotations": {"example.com/owner": "infra"}}}"""));
  }

  @Test
  void example16_2_specWinsOverUserValuesButUserKeysStay() throws Exception {
    ServiceDaemonSetValues sds = new ServiceDaemonSetValues();
    sds.setAnnotations(Map.of("k8s.v1.cni.cncf.io/networks", "[]"));
    Map<String, Object> user = json("""
        {"image": {"repository": "nvcr.io/nvidia/doca/doca_hbn", "tag": "2.4.1-doca2.9.1"},
         "resources": {"memory": "6Gi", "nvidia.com/bf_sf": 3},
         "serviceDaemonSet": {"labels": {"ignored-if-also-in-spec": "x", "svc.dpu.nvidia.com/service": "user"}}}""");
    String before = JSON.writeValueAsString(user);
    Map<String, Object> values = HelmValues.compute(new HelmValues.Inputs(sds, "doca-hbn", null, "doca-hbn",
        "dpf-operator-system", false, "c1"), user);
    assertThat(tree(values)).isEqualTo(JSON.readTree("""
        {"serviceDaemonSet": {
           "labels": {"svc.dpu.nvidia.com/service": "doca-hbn", "ignored-if-also-in-spec": "x"},
           "annotations": {"k8s.v1.cni.cncf.io/networks": "[]"}},
         "image": {"repository": "nvcr.io/nvidia/doca/doca_hbn", "tag": "2.4.1-doca2.9.1"},
         "resources": {"memory": "6Gi", "nvidia.com/bf_sf": 3}}"""));
    assertThat(JSON.writeValueAsString(user)).as("user values are not modified").isEqualTo(before);
  }

  @Test
  void nothingSetStillHasTheServiceDaemonSetKey() {
    Map<String, Object> values = HelmValues.compute(new HelmValues.Inputs(null, "", null, "x", "ns", false, "c"),
        null);
    assertThat(values).containsOnlyKeys("serviceDaemonSet");
    assertThat((Map<?, ?>) values.get("serviceDaemonSet")).isEmpty();
  }

  @Test
  void systemComponentsGetGlobalValuesWithClusterAnnotations() throws Exception {
    Map<String, Object> values = HelmValues.compute(new HelmValues.Inputs(null, "id1", null, "flannel",
        "dpf-operator-system", true, "dpu-cplane-tenant1"), null);
    assertThat(tree(values)).isEqualTo(JSON.readTree("""
        {"global": {"serviceDaemonSet": {
           "labels": {"svc.dpu.nvidia.com/service": "id1"},
           "annotations": {"dpu.nvidia.com/cluster": "dpu-cplane-tenant1",
                           "dpu.nvidia.com/cluster-namespace": "dpf-operator-system"}}}}"""));
  }

  @Test
  void configPortsFillExposedPortsWithoutOverridingTheUser() throws Exception {
    ConfigPorts ports = new ConfigPorts(ConfigPortsServiceType.NODE_PORT, List.of(
        new ConfigPort("exampletcp", 8080, ConfigPortProtocol.TCP, null),
        new ConfigPort("exampleudp", 8081, ConfigPortProtocol.UDP, 30081)));
    Map<String, Object> values = HelmValues.compute(new HelmValues.Inputs(null, "dummydpuservice", ports,
        "dummydpuservice", "dummydpuservice", false, "c"), json("{\"exposedPorts\":{\"ports\":{\"exampleudp\":false}}}"));
    assertThat(tree(values).get("exposedPorts")).isEqualTo(JSON.readTree("""
        {"labels": {"dpu.nvidia.com/dpuservice-name": "dummydpuservice",
                    "dpu.nvidia.com/dpuservice-namespace": "dummydpuservice"},
         "ports": {"exampletcp": true, "exampleudp": false}}"""));
  }

  static com.fasterxml.jackson.databind.JsonNode tree(Object o) {
    return JSON.valueToTree(o);
  }
}
