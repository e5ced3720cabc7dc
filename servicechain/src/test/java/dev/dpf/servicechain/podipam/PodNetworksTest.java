package dev.dpf.servicechain.podipam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodNetworksTest {

  @Test
  void rewriteSetsCniArgsOfAppendixA3AndKeepsOtherElements() throws Exception {
    ArrayNode elements = PodNetworks.parse("""
        [{"name":"mybrsfc","interface":"app_sf"},
         {"name":"iprequest","interface":"ip_lo","cni-args":{"poolNames":["loopback"],"poolType":"cidrpool"}}]
        """).orElseThrow();
    assertThat(PodNetworks.interfaces(elements)).containsExactly("app_sf", "ip_lo");
    String out = PodNetworks.rewrite(elements, Map.of("app_sf", new PodNetworks.Pool("pool1", "ippool", true)));
    assertThat(PodNetworks.JSON.readTree(out)).isEqualTo(PodNetworks.JSON.readTree("""
        [{"name":"mybrsfc","interface":"app_sf",
          "cni-args":{"allocateDefaultGateway":true,"poolNames":["pool1"],"poolType":"ippool"}},
         {"name":"iprequest","interface":"ip_lo","cni-args":{"poolNames":["loopback"],"poolType":"cidrpool"}}]
        """));
  }

  @Test
  void shortFormAndGarbageAreNotParsed() {
    assertThat(PodNetworks.parse("mybrsfc@app_sf,iprequest")).isEmpty();
    assertThat(PodNetworks.parse("{\"name\":\"x\"}")).isEmpty();
    assertThat(PodNetworks.parse("[\"x\"]")).isEmpty();
    assertThat(PodNetworks.interfaces(PodNetworks.parse("[{\"name\":\"x\"}]").orElseThrow())).containsExactly(
        (String) null);
  }
}
