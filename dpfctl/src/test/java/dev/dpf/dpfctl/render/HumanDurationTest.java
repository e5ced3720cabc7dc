package dev.dpf.dpfctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  @ParameterizedTest(name = "{0} ms -> {1}")
  @CsvSource({
      "-3000, <invalid>",
      "-1500, 0s",
      "-999, 0s",
      "0, 0s",
      "999, 0s",
      "31000, 31s",
      "119999, 119s",
      "120000, 2m",
      "434000, 7m14s",
      "599000, 9m59s",
      "600000, 10m",
      "10799000, 179m",
      "10800000, 3h",
      "11100000, 3h5m",
      "28740000, 7h59m",
      "28800000, 8h",
      "100800000, 28h",
      "172799000, 47h",
      "172800000, 2d",
      "320400000, 3d17h",
      "435600000, 5d1h",
      "691200000, 8d",
      "62985600000, 729d",
      "63072000000, 2y",
      "66960000000, 2y45d",
      "252288000000, 8y",
      "315360000000, 10y"})
  void formatsLikeKubernetes(long millis, String expected) {
    assertThat(HumanDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
  }
}
