package dev.dpf.dpuservice.dpudeployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.api.svc.v1alpha1.DPUDeploymentServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentServiceDependency;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference's Appendix A vectors (A.1 coalesce, A.3 digests, A.4 resource fitting) and the service order. */
class AlgorithmVectorsTest {

  @SafeVarargs
  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void coalesceVectorsA1() {
    assertThat(HelmValues.coalesce(map("serviceDaemonSet", map("labels", map("a", "1"))),
        map("serviceDaemonSet", map("labels", map("a", "9", "b", "2")), "image", map("tag", "x"))))
        .isEqualTo(map("serviceDaemonSet", map("labels", map("a", "1", "b", "2")), "image", map("tag", "x")));
    assertThat(HelmValues.coalesce(map("serviceDaemonSet", map()), map("serviceDaemonSet", "oops")))
        .isEqualTo(map("serviceDaemonSet", map()));
    assertThat(HelmValues.coalesce(map("serviceDaemonSet", map("annotations", map("x", "y"))),
        map("serviceDaemonSet", map("annotations", null))))
        .isEqualTo(map("serviceDaemonSet", map("annotations", map("x", "y"))));
    assertThat(HelmValues.coalesce(map("worker", map("parallelization", 10)),
        map("worker", map("parallelization", 5, "resources", map("limits", map("cpu", 1))))))
        .isEqualTo(map("worker", map("parallelization", 10, "resources", map("limits", map("cpu", 1)))));
    assertThat(HelmValues.coalesce(map("list", List.of(1)), map("list", List.of(2, 3))))
        .isEqualTo(map("list", List.of(1)));
    assertThat(HelmValues.coalesce(null, map("a", 1))).isEqualTo(map("a", 1));
    assertThat(HelmValues.coalesce(map("a", 1), null)).isEqualTo(map("a", 1));
    assertThat(HelmValues.coalesce(null, null)).isNull();
  }

  @Test
  void coalesceNullInDstDeletesAndInputsStayUntouched() {
    Map<String, Object> dst = map("a", null, "b", map("c", 1));
    Map<String, Object> src = map("a", 5, "b", map("d", 2));
    assertThat(HelmValues.coalesce(dst, src)).isEqualTo(map("b", map("c", 1, "d", 2)));
    assertThat(dst).isEqualTo(map("a", null, "b", map("c", 1)));
    assertThat(src).isEqualTo(map("a", 5, "b", map("d", 2)));
  }

  @Test
  void digestVectorsA3() {
    assertThat(Digests.consumerDigest("dpf-operator-system", "ovn-hbn")).isEqualTo("baa5753518");
    assertThat(Digests.digest10("DPUService.svc.dpu.nvidia.com", "doca-blueman-service", "dpf-operator-system"))
        .isEqualTo("14c43bbc14");
    assertThat(Digests.digest10(Digests.namespacedName("dpf-operator-system", "ovn-hbn"), "observer"))
        .isEqualTo("4782c0e5bb");
  }

  static Map<String, IntOrString> res(Object... kv) {
    Map<String, IntOrString> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      m.put((String) kv[i], v instanceof Integer n ? new IntOrString(n) : new IntOrString((String) v));
    }
    return m;
  }

  @Test
  void resourceFittingVectorsA4() {
    assertThat(ResourceFitting.check(null, res("cpu", 99), List.of(res("cpu", 1000)))).isNull();
    assertThat(ResourceFitting.check(res("cpu", 16, "memory", "16Gi"), res("cpu", 4, "memory", "4Gi"),
        List.of(res("cpu", 12, "memory", "12Gi")))).isNull();
    assertThat(ResourceFitting.check(res("cpu", 16, "memory", "16Gi"), res("cpu", 4, "memory", "4Gi"),
        List.of(res("cpu", 13, "memory", "14Gi"))))
        .isEqualTo("there are not enough resources for DPUServices to fit in this DPUDeployment:  "
            + "Additional resources needed: [cpu: 1 memory: 2Gi]");
    assertThat(ResourceFitting.check(res("cpu", 16), res(), List.of(res("cpu", 1, "nvidia.com/sf", 1))))
        .isEqualTo("there are not enough resources for DPUServices to fit in this DPUDeployment:  "
            + "Additional resources needed: [nvidia.com/sf: 1]");
    assertThat(ResourceFitting.check(res("cpu", 4), res("cpu", 6), List.of()))
        .startsWith("can't calculate available DPU resources: ");
  }

  @Test
  void resourceFittingSumsTemplatesExactly() {
    // reference 12.6 example: two templates fit a 16/16Gi/20 flavor with 4/4Gi/4 reserved
    assertThat(ResourceFitting.check(res("cpu", 16, "memory", "16Gi", "nvidia.com/sf", 20),
        res("cpu", 4, "memory", "4Gi", "nvidia.com/sf", 4),
        List.of(res("cpu", 1, "memory", "1Gi", "nvidia.com/sf", 1), res("cpu", 2, "memory", "4Gi", "nvidia.com/sf", 1))))
        .isNull();
    // 0.5 + 1 = 1500m over a flavor of 1 cpu: 500m missing
    assertThat(ResourceFitting.check(res("cpu", 1), null, List.of(res("cpu", "0.5"), res("cpu", 1))))
        .endsWith("[cpu: 500m]");
  }

  @Test
  void quantityFormatting() {
    assertThat(Quantities.parse("0.5").plus(Quantities.parse("1")).toString()).isEqualTo("1500m");
    assertThat(Quantities.parse("2Gi").toString()).isEqualTo("2Gi");
    assertThat(Quantities.parse("1.5Gi").toString()).isEqualTo("1536Mi");
    assertThat(Quantities.parse("2000").toString()).isEqualTo("2k");
    assertThat(Quantities.parse("12").toString()).isEqualTo("12");
    assertThat(Quantities.parse("512Mi").minus(Quantities.parse("1Gi")).toString()).isEqualTo("-512Mi");
  }

  static DPUDeploymentServiceConfiguration svc(String... dependsOn) {
    DPUDeploymentServiceConfiguration c = new DPUDeploymentServiceConfiguration("t", "c");
    if (dependsOn.length > 0) {
      c.setDependsOn(java.util.Arrays.stream(dependsOn).map(DPUDeploymentServiceDependency::new).toList());
    }
    return c;
  }

  @Test
  void serviceOrderIsTopological() {
    Map<String, DPUDeploymentServiceConfiguration> services = new LinkedHashMap<>();
    services.put("consumer", svc("producer"));
    services.put("producer", svc());
    services.put("app", svc("consumer", "producer"));
    assertThat(ServiceOrder.sort(services)).containsExactly("producer", "consumer", "app");
  }

  @Test
  void serviceOrderErrors() {
    assertThatThrownBy(() -> ServiceOrder.sort(Map.of("a", svc("a"))))
        .hasMessage("service a cannot depend on itself");
    assertThatThrownBy(() -> ServiceOrder.sort(Map.of("a", svc("x"))))
        .hasMessage("service a depends on x which is not defined in the DPUDeployment");
    assertThatThrownBy(() -> ServiceOrder.sort(Map.of("a", svc("b"), "b", svc("a"))))
        .hasMessageStartingWith("failed to sort Service: ");
  }
}
