package dev.dpf.dpuservice.dpudeployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Upstream's short digests (reference dpuservice.md A.3): sha256 over the concatenated output of Go's
 * {@code json.Encoder} for each value (compact JSON, HTML characters escaped, one {@code "\n"} per value), first 10
 * hex characters.
 */
public final class Digests {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false)
      .build();

  private Digests() {}

  /** The first 10 hex characters of the digest of {@code values}. */
  public static String digest10(Object... values) {
    StringBuilder input = new StringBuilder();
    for (Object value : values) {
      input.append(goJson(value)).append('\n');
    }
    try {
      byte[] sum = MessageDigest.getInstance("SHA-256").digest(input.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sum).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Go {@code types.NamespacedName} as Go encodes it: {@code {"Namespace":"..","Name":".."}}. */
  public static Map<String, String> namespacedName(String namespace, String name) {
    Map<String, String> nn = new LinkedHashMap<>();
    nn.put("Namespace", namespace);
    nn.put("Name", name);
    return nn;
  }

  /** The dependency label key of a DPUDeployment (v25.1+): digest of its namespaced name. */
  public static String consumerDigest(String namespace, String name) {
    return digest10(namespacedName(namespace, name));
  }

  /** Compact JSON with Go's escaping of {@code <}, {@code >}, {@code &}, U+2028 and U+2029. */
  static String goJson(Object value) {
    try {
      String json = JSON.writeValueAsString(value);
      return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
          .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode value for a digest: " + e.getOriginalMessage(), e);
    }
  }
}
