package dev.dpf.dpuservice.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.api.svc.v1alpha1.DPUServiceCredentialRequestType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Appendix A.5 timing vectors, Go durations and the Secret formats (reference 14.4). */
class TokenTimingTest {

  static final Instant TEN = Instant.parse("2025-01-10T10:00:00Z");
  static final Duration J = Duration.ofSeconds(7);

  @Test
  void oneHourLifetime() {
    Instant exp = TEN.plus(Duration.ofHours(1));
    assertThat(TokenTiming.requeueAt(TEN, exp, J)).isEqualTo(Instant.parse("2025-01-10T10:48:07Z"));
    assertThat(TokenTiming.refreshRequired(Instant.parse("2025-01-10T10:47:52Z"), TEN, exp, J)).isFalse();
    assertThat(TokenTiming.refreshRequired(Instant.parse("2025-01-10T10:47:54Z"), TEN, exp, J)).isTrue();
  }

  @Test
  void fortyEightHourLifetimeIsCappedAtADay() {
    Instant exp = TEN.plus(Duration.ofHours(48));
    // upstream requeues at day+2 00:24 + j; the cap of 24 h is applied here (reference A.5 note)
    assertThat(TokenTiming.requeueAt(TEN, exp, J)).isEqualTo(Instant.parse("2025-01-11T10:00:07Z"));
    assertThat(TokenTiming.refreshRequired(Instant.parse("2025-01-11T09:59:52Z"), TEN, exp, J)).isFalse();
    assertThat(TokenTiming.refreshRequired(Instant.parse("2025-01-11T09:59:54Z"), TEN, exp, J)).isTrue();
  }

  @Test
  void tenMinuteLifetime() {
    Instant exp = TEN.plus(Duration.ofMinutes(10));
    assertThat(TokenTiming.requeueAt(TEN, exp, J)).isEqualTo(Instant.parse("2025-01-10T10:08:07Z"));
    assertThat(TokenTiming.refreshRequired(Instant.parse("2025-01-10T10:07:52Z"), TEN, exp, J)).isFalse();
    assertThat(TokenTiming.refreshRequired(Instant.parse("2025-01-10T10:07:54Z"), TEN, exp, J)).isTrue();
  }

  @Test
  void requeueIsFromNowAndNeverAHotLoop() {
    Instant exp = TEN.plus(Duration.ofHours(1));
    assertThat(TokenTiming.requeueAfter(TEN.plusSeconds(60), TEN, exp, Duration.ZERO))
        .isEqualTo(Duration.ofMinutes(47));
    assertThat(TokenTiming.requeueAfter(TEN.plus(Duration.ofHours(2)), TEN, exp, Duration.ZERO))
        .isEqualTo(TokenTiming.MIN_REQUEUE);
  }

  @Test
  void goDurations() {
    assertThat(TokenTiming.parseGoDuration("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(TokenTiming.parseGoDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(TokenTiming.parseGoDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(TokenTiming.parseGoDuration("600s")).isEqualTo(Duration.ofMinutes(10));
    assertThat(TokenTiming.parseGoDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> TokenTiming.parseGoDuration("10x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretFormats() {
    var access = new CredentialSecrets.ClusterAccess("dpu-1", "https://10.0.0.5:6443",
        java.util.Base64.getEncoder().encodeToString("PEM".getBytes()));
    Map<String, String> tokenFile = CredentialSecrets.data(DPUServiceCredentialRequestType.TOKEN_FILE, access,
        "default", "sa", "tok");
    assertThat(tokenFile).containsExactly(Map.entry("KUBERNETES_SERVICE_HOST", "10.0.0.5"),
        Map.entry("KUBERNETES_SERVICE_PORT", "6443"), Map.entry("KUBERNETES_CA_DATA", "PEM"),
        Map.entry("TOKEN_FILE", "tok"));
    Map<String, String> kubeconfig = CredentialSecrets.data(DPUServiceCredentialRequestType.KUBECONFIG, access,
        "default", "sa", "tok");
    assertThat(kubeconfig).containsOnlyKeys("kubeconfig");
    assertThat(kubeconfig.get("kubeconfig")).contains("current-context: \"sa\"").contains("server: \"https://10.0.0.5:6443\"");
    assertThat(CredentialSecrets.token(DPUServiceCredentialRequestType.KUBECONFIG, kubeconfig)).isEqualTo("tok");
    assertThat(CredentialSecrets.token(DPUServiceCredentialRequestType.TOKEN_FILE, kubeconfig)).isNull();
  }
}
