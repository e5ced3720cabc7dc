package dev.dpf.dpfctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoFormatsTest {

  @Test
  void yamlLikeSigsK8sIoYaml() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("zeta", "plain text");
    doc.put("alpha", List.of(Map.of("b", "True", "a", "2025-06-01T12:00:00Z"), "x"));
    doc.put("message", "The following conditions are not ready:\n* A\n* B");
    doc.put("empty", "");
    doc.put("none", null);
    doc.put("list", List.of());
    doc.put("colon", "key: value");
    doc.put("number", "10");
    assertThat(GoYaml.write(doc)).isEqualTo("""
        alpha:
        - a: "2025-06-01T12:00:00Z"
          b: "True"
        - x
        colon: "key: value"
        empty: ""
        list: []
        message: |-
          The following conditions are not ready:
          * A
          * B
        none: null
        number: "10"
        zeta: plain text
        """);
  }

  @Test
  void jsonLikeGoMarshalIndent() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("a", List.of());
    doc.put("b", Map.of());
    doc.put("c", "<tag> & \"quote\"\nline");
    doc.put("d", List.of(1L, true));
    assertThat(GoJson.write(doc)).isEqualTo("""
        {
          "a": [],
          "b": {},
          "c": "\\u003ctag\\u003e \\u0026 \\"quote\\"\\nline",
          "d": [
            1,
            true
          ]
        }""");
  }
}
