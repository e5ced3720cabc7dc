package dev.dpf.dpuservice.dpudeployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Go-template subset of configuration value templating (reference 12.9). */
class TemplatingTest {

  static final Map<String, Object> DATA = Map.of("Services", Map.of(
      "producer", Map.of("Name", "producer-x7k2p", "Namespace", "customer-namespace"),
      "firefly-dpu", Map.of("Name", "firefly-dpu-abcde", "Namespace", "ns")));

  static String render(String text) throws Exception {
    return GoTemplates.render(text, "{{", "}}", DATA);
  }

  @Test
  void fieldsIndexPipesAndTrim() throws Exception {
    assertThat(render("{{ .Services.producer.Name }}")).isEqualTo("producer-x7k2p");
    assertThat(render("svc={{ (index .Services \"firefly-dpu\").Name }}.")).isEqualTo("svc=firefly-dpu-abcde.");
    assertThat(render("{{ index .Services \"producer\" \"Namespace\" }}")).isEqualTo("customer-namespace");
    assertThat(render("{{ .Services.producer.Name | printf \"%s.svc\" }}")).isEqualTo("producer-x7k2p.svc");
    assertThat(render("a  {{- .Services.producer.Namespace -}}  b")).isEqualTo("acustomer-namespaceb");
    assertThat(render("{{/* comment */}}x")).isEqualTo("x");
    assertThat(render("{{ len .Services }}")).isEqualTo("2");
    assertThat(GoTemplates.render("[[ .Services.producer.Name ]]", "[[", "]]", DATA)).isEqualTo("producer-x7k2p");
  }

  @Test
  void missingKeysAndUnknownFunctionsAreErrors() {
    assertThatThrownBy(() -> render("{{ .Services.consumer.Name }}"))
        .hasMessageContaining("map has no entry for key \"consumer\"");
    assertThatThrownBy(() -> render("{{ upper .Services }}")).hasMessageContaining("function \"upper\" not defined");
    assertThatThrownBy(() -> render("{{ .Services")).hasMessageContaining("unclosed action");
  }

  @Test
  void valuesAreRenderedLeafByLeaf() throws Exception {
    Map<String, Object> values = Map.of("upstream", Map.of("serviceName", "[[ .Services.producer.Name ]]",
        "namespace", "[[ .Services.producer.Namespace ]]", "list", List.of("[[ .Services.producer.Name ]]-0", 3)),
        "jinja", "{{ config.x }}");
    Map<String, Object> out = ValueTemplating.render(values, List.of("[[", "]]"), DATA);
    assertThat(out).isEqualTo(Map.of("upstream", Map.of("serviceName", "producer-x7k2p",
        "namespace", "customer-namespace", "list", List.of("producer-x7k2p-0", 3)), "jinja", "{{ config.x }}"));
  }

  @Test
  void semverConstraints() {
    assertThat(Semver.constraint(">= 2.9").isSatisfiedBy(Semver.parse("2.9.1"))).isTrue();
    assertThat(Semver.constraint(">= 2.9").isSatisfiedBy(Semver.parse("2.8.0"))).isFalse();
    assertThat(Semver.constraint("~2.9").isSatisfiedBy(Semver.parse("2.9.7"))).isTrue();
    assertThat(Semver.constraint("~2.9").isSatisfiedBy(Semver.parse("2.10.0"))).isFalse();
    assertThat(Semver.constraint("^2.9").isSatisfiedBy(Semver.parse("2.10.0"))).isTrue();
    assertThat(Semver.constraint("^2.9").isSatisfiedBy(Semver.parse("3.0.0"))).isFalse();
    assertThat(Semver.constraint("2.9.x").isSatisfiedBy(Semver.parse("2.9.3"))).isTrue();
    assertThat(Semver.constraint(">=2.7, <2.9 || >=3").isSatisfiedBy(Semver.parse("2.8.0"))).isTrue();
    assertThat(Semver.constraint(">=2.7, <2.9 || >=3").isSatisfiedBy(Semver.parse("2.9.0"))).isFalse();
    assertThat(Semver.constraint("2.5 - 2.9").isSatisfiedBy(Semver.parse("2.9.0"))).isTrue();
    assertThat(Semver.constraint(">= 2.9").isSatisfiedBy(Semver.parse("2.9.1-rc1"))).isFalse();
    assertThatThrownBy(() -> Semver.constraint(">= two")).hasMessageContaining("improper constraint");
    assertThatThrownBy(() -> Semver.parse("2.9.1.4")).hasMessageContaining("Invalid Semantic Version");
  }
}
