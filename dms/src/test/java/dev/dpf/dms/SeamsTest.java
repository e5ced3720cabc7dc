package dev.dpf.dms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DmsPodEndpoints}, {@link DmsTimeouts}, {@link PowerAction} and {@link DmsAddress}. */
class SeamsTest {

  private final Map<String, Pod> pods = new HashMap<>();
  private final DmsEndpoints endpoints = new DmsPodEndpoints(dpu -> pods.get(dpu.namespace() + "/" + dpu.dmsPodName()));
  private final DpuRef dpu = new DpuRef("dpf", "dpu-a");

  @Test
  void dmsAddressIsThePodIpOfARunningDmsPod() {
    assertThat(endpoints.address(dpu)).isEmpty();
    pods.put("dpf/dpu-a-dms", pod("Pending", null));
    assertThat(endpoints.address(dpu)).isEmpty();
    pods.put("dpf/dpu-a-dms", pod("Running", "10.0.0.5"));
    assertThat(endpoints.address(dpu)).contains(new DmsAddress("10.0.0.5", 9339));
    Pod deleting = pod("Running", "10.0.0.5");
    deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    pods.put("dpf/dpu-a-dms", deleting);
    assertThat(endpoints.address(dpu)).isEmpty();
  }

  @Test
  void timeoutsFollowDmsTimeout() {
    DmsTimeouts defaults = DmsTimeouts.defaults();
    assertThat(defaults.call()).isEqualTo(Duration.ofSeconds(900));
    assertThat(defaults.status()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.activation()).isEqualTo(Duration.ofMinutes(30));
    assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(defaults.activateAttempts()).isEqualTo(10);
    assertThat(DmsTimeouts.fromDmsTimeout(5).call()).isEqualTo(Duration.ofSeconds(5));
    assertThat(DmsTimeouts.fromDmsTimeout(5).status()).isEqualTo(Duration.ofSeconds(5));
    assertThat(DmsTimeouts.fromDmsTimeout(0)).isEqualTo(defaults);
    assertThat(defaults.withCall(Duration.ofSeconds(2)).status()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void powerActionWordsAndAddresses() {
    assertThat(PowerAction.parse("cycle")).isEqualTo(PowerAction.CYCLE);
    assertThat(PowerAction.parse(" Reset ")).isEqualTo(PowerAction.RESET);
    assertThatThrownBy(() -> PowerAction.parse("skip"))
        .hasMessage("invalid value \"skip\", supported values: [\"cycle\" \"reset\"]");
    assertThat(new DmsAddress("fd00::1", 9339)).hasToString("[fd00::1]:9339");
    assertThat(DmsAddress.of("10.0.0.1")).hasToString("10.0.0.1:9339");
    assertThat(dpu.dmsPodName()).isEqualTo("dpu-a-dms");
  }

  private static Pod pod(String phase, String ip) {
    return new PodBuilder().withNewMetadata().withName("dpu-a-dms").withNamespace("dpf").endMetadata()
        .withNewStatus().withPhase(phase).withPodIP(ip).endStatus().build();
  }
}
