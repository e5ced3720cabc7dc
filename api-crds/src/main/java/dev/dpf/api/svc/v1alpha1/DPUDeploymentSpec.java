package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * Desired state of a DPUDeployment.
 *
 * <p>{@code serviceChains} changed shape between releases: a list of switches in v24.10, an object
 * {@code {upgradePolicy, switches}} later (interim: {@code {switches, nodeEffect}}). Both are accepted: the field is
 * stored untyped ({@code x-kubernetes-preserve-unknown-fields}) and read through {@link #serviceChains()},
 * {@link #switches()} and {@link #serviceChainsApplyNodeEffect()}; {@link #serviceChainsErrors()} checks the shape
 * (the API server cannot run CEL on an untyped field), see docs/api/dpuservice.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUDeploymentSpec {

  /** Maximum number of services (later DPF releases). */
  public static final int MAX_SERVICES = 50;
  /** Maximum length of a service key (later DPF releases). */
  public static final int MAX_SERVICE_NAME_LENGTH = 28;

  @Required
  @JsonPropertyDescription("DPUs: how the DPUs are provisioned (BFB, DPUFlavor, DPUSets).")
  private DPUDeploymentDPUs dpus;

  @Required
  @Size(min = 1, max = MAX_SERVICES)
  @ValidationRule(value = "self.all(k, k.size() <= 28)",
      message = "service names (keys of services) must be at most 28 characters")
  @JsonPropertyDescription("Services: key = service name (the deploymentServiceName of its template and "
      + "configuration).")
  private Map<String, DPUDeploymentServiceConfiguration> services;

  @PreserveUnknownFields
  @SchemaFrom(type = DPUDeploymentServiceChains.class)
  @JsonPropertyDescription("ServiceChains: the switches of the generated DPUServiceChain. Either a list of switches "
      + "(v24.10) or an object {upgradePolicy: {applyNodeEffect}, switches: [...]} (later releases). Each switch has "
      + "ports (1..50); each port has exactly one of service {name, interface, ipam} or serviceInterface "
      + "{matchLabels, ipam}.")
  private JsonNode serviceChains;

  @Min(1)
  @Default("10")
  @JsonPropertyDescription("RevisionHistoryLimit: how many revisions of a generated object may coexist during "
      + "upgrades (later DPF releases, default 10).")
  private Integer revisionHistoryLimit;

  /** The service chains in the later (object) shape, converted from either shape; null when absent. */
  public DPUDeploymentServiceChains serviceChains() {
    return DPUDeploymentServiceChains.fromJson(serviceChains);
  }

  /** The switches of the service chain, from either shape; empty when absent. */
  public List<DPUDeploymentSwitch> switches() {
    DPUDeploymentServiceChains chains = serviceChains();
    return chains == null || chains.getSwitches() == null ? List.of() : chains.getSwitches();
  }

  /** Whether a chain change is disruptive: {@code upgradePolicy.applyNodeEffect}, else interim nodeEffect, else true. */
  public boolean serviceChainsApplyNodeEffect() {
    DPUDeploymentServiceChains chains = serviceChains();
    return chains == null || chains.applyNodeEffect();
  }

  /** Whether {@code serviceChains} uses the v24.10 list shape. */
  public boolean serviceChainsLegacyShape() {
    return serviceChains != null && serviceChains.isArray();
  }

  /** Shape and field errors of {@code serviceChains} (empty when valid or absent), with field paths. */
  public List<String> serviceChainsErrors() {
    return DPUDeploymentServiceChains.validate(serviceChains, "spec.serviceChains");
  }

  /** The revision history limit, {@value DPUDeployment#DEFAULT_REVISION_HISTORY_LIMIT} when absent. */
  public int effectiveRevisionHistoryLimit() {
    return revisionHistoryLimit == null ? DPUDeployment.DEFAULT_REVISION_HISTORY_LIMIT : revisionHistoryLimit;
  }

  public DPUDeploymentDPUs getDpus() {
    return dpus;
  }

  public void setDpus(DPUDeploymentDPUs dpus) {
    this.dpus = dpus;
  }

  public Map<String, DPUDeploymentServiceConfiguration> getServices() {
    return services;
  }

  public void setServices(Map<String, DPUDeploymentServiceConfiguration> services) {
    this.services = services;
  }

  /** The raw value as stored (list or object). Prefer {@link #serviceChains()} / {@link #switches()}. */
  public JsonNode getServiceChains() {
    return serviceChains;
  }

  /** Sets the raw value; use {@link DPUDeploymentServiceChains#toJson()} or {@link DPUDeploymentServiceChains#toLegacyJson()}. */
  public void setServiceChains(JsonNode serviceChains) {
    this.serviceChains = serviceChains;
  }

  public Integer getRevisionHistoryLimit() {
    return revisionHistoryLimit;
  }

  public void setRevisionHistoryLimit(Integer revisionHistoryLimit) {
    this.revisionHistoryLimit = revisionHistoryLimit;
  }
}
