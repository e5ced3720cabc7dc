package dev.dpf.agent.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The FNV-1a test vectors of the reference (Appendix B). */
class FnvTest {

  @Test
  void chainCookies() {
    long cookie = Fnv.chainCookie("dpf-operator-system", "example-chain-dpu-a");
    assertThat(Fnv.cookieText(cookie)).isEqualTo("752448180339705035");
    assertThat(cookie).isEqualTo(0xa713ba2250984cbL);
    long hbn = Fnv.chainCookie("dpf-operator-system", "hbn-to-fabric-dpu-a");
    assertThat(Fnv.cookieText(hbn)).isEqualTo("8563524526239265137");
    assertThat(hbn).isEqualTo(0x76d7c02f63d63171L);
  }

  @Test
  void patchNameSuffix() {
    assertThat(String.format("%08x", Fnv.fnv1a32("dpf-operator-system/ovn-patch-dpu-a"))).isEqualTo("8f726cd7");
  }

  @Test
  void cniOfportRequestIsTheLowByte() {
    assertThat(Fnv.fnv1a32("en3f0pf0sf5") & 0xff).isEqualTo(15);
  }

  @Test
  void cookiesAboveLongMaxArePrintedUnsigned() {
    assertThat(Fnv.cookieText(-1L)).isEqualTo("18446744073709551615");
  }
}
