package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A reference by name and optional namespace (DPUServiceCredentialRequest). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NamespacedName {

  /** Namespace used when {@code namespace} is omitted (upstream behaviour, not the referrer's namespace). */
  public static final String DEFAULT_NAMESPACE = "default";

  @Required
  @JsonPropertyDescription("Name of the object.")
  private String name;

  @JsonPropertyDescription("Namespace of the object. When omitted the namespace \"default\" is used.")
  private String namespace;

  public NamespacedName() {}

  public NamespacedName(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
  }

  /** The namespace, {@code default} when omitted. */
  public String effectiveNamespace() {
    return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
  }

  /** The stored string form {@code <namespace>/<name>} (with the effective namespace). */
  @Override
  public String toString() {
    return effectiveNamespace() + "/" + name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }
}
