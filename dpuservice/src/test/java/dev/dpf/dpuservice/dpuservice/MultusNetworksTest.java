package dev.dpf.dpuservice.dpuservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.dpuservice.dpuservice.MultusNetworks.Derived;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multus annotation merge (reference 10.5) with the vectors of Appendix A.2 and example 16.2. */
class MultusNetworksTest {

  @Test
  void appendixA2_userFieldsOverwriteDerivedOnes() throws Exception {
    String merged = MultusNetworks.merge("[{\"name\":\"sfc\",\"interface\":\"p0_if\",\"namespace\":\"x\"}]",
        List.of(Derived.of("mybrhbn", "p0_if")));
    assertThat(merged).isEqualTo("[{\"name\":\"sfc\",\"namespace\":\"x\",\"interface\":\"p0_if\"}]");
  }

  @Test
  void appendixA2_sortedByNameThenInterface() throws Exception {
    String merged = MultusNetworks.merge(null, List.of(Derived.of("mybrhbn", "p1_if"),
        Derived.of("mybrhbn", "p0_if"), Derived.of("iprequest", "ip_lo")));
    assertThat(merged).isEqualTo("[{\"name\":\"iprequest\",\"interface\":\"ip_lo\"},"
        + "{\"name\":\"mybrhbn\",\"interface\":\"p0_if\"},{\"name\":\"mybrhbn\",\"interface\":\"p1_if\"}]");
  }

  @Test
  void example16_2_userElementWithCniArgsKeptAndDerivedAppended() throws Exception {
    String user = """
        [{"name": "iprequest", "interface": "ip_lo", "cni-args": {"poolType": "cidrpool", "poolNames": ["loopback"]}}]""";
    String merged = MultusNetworks.merge(user, List.of(Derived.of("mybrhbn", "p0_if"), Derived.of("mybrhbn",
        "p1_if")));
    assertThat(merged).isEqualTo("[{\"name\":\"iprequest\",\"interface\":\"ip_lo\",\"cni-args\":{\"poolNames\":"
        + "[\"loopback\"],\"poolType\":\"cidrpool\"}},{\"name\":\"mybrhbn\",\"interface\":\"p0_if\"},"
        + "{\"name\":\"mybrhbn\",\"interface\":\"p1_if\"}]");
    assertThat(MultusNetworks.merge(merged, List.of(Derived.of("mybrhbn", "p0_if"), Derived.of("mybrhbn",
        "p1_if")))).as("stable when applied again").isEqualTo(merged);
  }

  @Test
  void networkWithNamespace() throws Exception {
    assertThat(MultusNetworks.merge("", List.of(Derived.of("ns1/net", "eth1"))))
        .isEqualTo("[{\"name\":\"net\",\"namespace\":\"ns1\",\"interface\":\"eth1\"}]");
    assertThat(Derived.of("a/b/c", "x").name()).isEmpty();
  }

  @Test
  void invalidUserAnnotationIsAnError() {
    assertThatThrownBy(() -> MultusNetworks.merge("{not json", List.of()))
        .hasMessageStartingWith("failed to unmarshal existing networks: ")
        .hasMessageEndingWith("expected format is a list of objects");
    assertThatThrownBy(() -> MultusNetworks.merge("{\"name\":\"x\"}", List.of()))
        .hasMessageEndingWith("expected format is a list of objects");
  }
}
