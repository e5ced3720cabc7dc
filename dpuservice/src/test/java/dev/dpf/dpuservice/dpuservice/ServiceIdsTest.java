package dev.dpf.dpuservice.dpuservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceSpec;
import org.junit.jupiter.api.Test;

/** Service IDs (reference 10.13). */
class ServiceIdsTest {

  @Test
  void generatedIdMatchesTheReferenceVector() {
    assertThat(ServiceIds.generated("doca-blueman-service", "dpf-operator-system")).isEqualTo("14c43bbc14");
  }

  @Test
  void specServiceIdWins() {
    DPUService service = new DPUService();
    service.getMetadata().setName("doca-hbn");
    service.getMetadata().setNamespace("ns");
    service.setSpec(new DPUServiceSpec());
    assertThat(ServiceIds.effective(service)).isEqualTo(ServiceIds.generated("doca-hbn", "ns"));
    service.getSpec().setServiceID("doca-hbn");
    assertThat(ServiceIds.effective(service)).isEqualTo("doca-hbn");
  }

  @Test
  void goJsonEscapesHtmlCharacters() {
    assertThat(ServiceIds.goJson("a<b>&\"c")).isEqualTo("\"a\\u003cb\\u003e\\u0026\\\"c\"");
  }
}
