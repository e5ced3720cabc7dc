package dev.dpf.dpfctl.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.dpfctl.tree.Filters;
import org.junit.jupiter.api.Test;

class PluralsTest {

  @Test
  void pluralisesKindNames() {
    assertThat(Plurals.plural("DPU")).isEqualTo("DPUs");
    assertThat(Plurals.plural("DPUServiceIPAM")).isEqualTo("DPUServiceIPAMs");
    assertThat(Plurals.plural("DPFOperatorConfig")).isEqualTo("DPFOperatorConfigs");
    assertThat(Plurals.plural("dpuservicecredentialrequest")).isEqualTo("dpuservicecredentialrequests");
    assertThat(Plurals.plural("DPUServices")).isEqualTo("DPUServices");
    assertThat(Plurals.plural("Policy")).isEqualTo("Policies");
    assertThat(Plurals.plural("Gateway")).isEqualTo("Gateways");
    assertThat(Plurals.plural("Address")).isEqualTo("Addresses");
  }

  @Test
  void filtersMatchKindsInAnyFormAndExactNames() {
    assertThat(Filters.matches("DPUService", "a", "dpuservice")).isTrue();
    assertThat(Filters.matches("DPUService", "a", "DPUServices")).isTrue();
    assertThat(Filters.matches("DPUService", "a", "dpu, dpuservice/a")).isTrue();
    assertThat(Filters.matches("DPUService", "a", "dpuservice/b")).isFalse();
    assertThat(Filters.matches("DPU", "a", "dpuservice")).isFalse();
    assertThat(Filters.matches("DPU", "a", "ALL")).isTrue();
    assertThat(Filters.matches("DPU", "a", "")).isFalse();
    assertThat(Filters.showsKind("dpuservice/a,bfb", "BFB")).isTrue();
    assertThat(Filters.showsKind("dpuservice/a", "DPUService")).isTrue();
    assertThat(Filters.showsKind("dpuservice/a", "DPU")).isFalse();
    assertThat(Kinds.find("dpuserviceipams")).contains(Kinds.DPU_SERVICE_IPAM);
    assertThat(Kinds.find("Application")).contains(Kinds.APPLICATION);
  }
}
