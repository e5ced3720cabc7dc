package dev.dpf.dpuservice.dpuservice;

import dev.dpf.api.common.GoJsonStrings;
import dev.dpf.api.svc.v1alpha1.DPUService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The effective service ID of a DPUService (reference 10.13): {@code spec.serviceID}, else the first 10 hex characters
 * of {@code sha256(J("DPUService.svc.dpu.nvidia.com") + J(name) + J(namespace))}, where {@code J(x)} is Go's
 * {@code json.Encoder} output for the string (compact JSON, HTML-safe escaping, followed by a newline).
 */
public final class ServiceIds {

  static final String KIND_GROUP = "DPUService.svc.dpu.nvidia.com";

  private ServiceIds() {}

  public static String effective(DPUService service) {
    String id = service.getSpec() == null ? null : service.getSpec().getServiceID();
    if (id != null && !id.isEmpty()) {
      return id;
    }
    return generated(service.getMetadata().getName(), service.getMetadata().getNamespace());
  }

  public static String generated(String name, String namespace) {
    String input = goJson(KIND_GROUP) + "\n" + goJson(name) + "\n" + goJson(namespace) + "\n";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Go {@code encoding/json} string literal (HTML-safe). */
  static String goJson(String s) {
    return GoJsonStrings.quote(s);
  }
}
