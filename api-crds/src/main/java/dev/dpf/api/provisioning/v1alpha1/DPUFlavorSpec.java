package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import dev.dpf.api.common.Resources;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;

/** DPU OS/firmware configuration. Immutable as a whole. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "DPUFlavor spec is immutable")
@ValidationRule(value = "!has(self.systemReservedResources) || has(self.dpuResources)",
    fieldPath = ".systemReservedResources",
    message = "resources are misconfigured: spec.systemReservedResources must not be specified if "
        + "spec.dpuResources are not specified")
public class DPUFlavorSpec {

  @JsonPropertyDescription("Grub configures the DPU kernel command line.")
  private DPUFlavorGrub grub;

  @JsonPropertyDescription("Sysctl configures DPU kernel parameters.")
  private DPUFlavorSysctl sysctl;

  @Size(max = 3)
  @ValidationRule(value = "self.size() <= 1",
      message = "there must be at most one element in nvconfig, and the element applies to all devices on a host")
  @ValidationRule(value = "self.all(e, !has(e.device) || e.device.trim() == '*')",
      message = "nvconfig[*].device must be \"*\"")
  @JsonPropertyDescription("NVConfig holds firmware (mlxconfig) parameters: at most one element, applying to all "
      + "devices (device \"*\").")
  private List<DPUFlavorNVConfig> nvconfig;

  @JsonPropertyDescription("OVS configures Open vSwitch on the DPU.")
  private DPUFlavorOVS ovs;

  @JsonPropertyDescription("BFCfgParameters are lines placed verbatim at the top of bf.cfg (e.g. UPDATE_ATF_UEFI=yes). "
      + "An entry ubuntu_PASSWORD=<hash> sets the ubuntu user's password hash instead.")
  private List<String> bfcfgParameters;

  @JsonPropertyDescription("ConfigFiles are files written on the DPU through cloud-init.")
  private List<ConfigFile> configFiles;

  @JsonPropertyDescription("ContainerdConfig configures containerd on the DPU.")
  private ContainerdConfig containerdConfig;

  @JsonPropertyDescription("DPUResources are the total resources a DPU must have for this flavor.")
  private Map<String, IntOrString> dpuResources;

  @JsonPropertyDescription("SystemReservedResources are the resources consumed by the system; dpuResources minus "
      + "these is what DPUServices may use. Requires dpuResources and must fit in them.")
  private Map<String, IntOrString> systemReservedResources;

  @Default("dpu")
  @JsonPropertyDescription("DPUMode is the mode of the DPU: dpu, zero-trust or nic (later DPF releases).")
  private DPUMode dpuMode;

  @JsonPropertyDescription("HostNetworkInterfaceConfigs configure the host-side network interfaces per port (later "
      + "DPF releases).")
  private List<HostNetworkInterfaceConfig> hostNetworkInterfaceConfigs;

  /**
   * The integer value of an nvconfig parameter ({@code ^KEY=([0-9]+)}, first match across all nvconfig entries), as
   * the controller reads {@code NUM_OF_VFS} and {@code PF_TOTAL_SF}.
   */
  public OptionalInt nvconfigInt(String key) {
    if (nvconfig == null) {
      return OptionalInt.empty();
    }
    java.util.regex.Pattern pattern =
        java.util.regex.Pattern.compile("^" + java.util.regex.Pattern.quote(key) + "=([0-9]+)");
    for (DPUFlavorNVConfig entry : nvconfig) {
      if (entry == null || entry.getParameters() == null) {
        continue;
      }
      for (String parameter : entry.getParameters()) {
        Matcher m = pattern.matcher(parameter);
        if (m.find()) {
          try {
            return OptionalInt.of(Integer.parseInt(m.group(1)));
          } catch (NumberFormatException e) {
            return OptionalInt.empty();
          }
        }
      }
    }
    return OptionalInt.empty();
  }

  /**
   * The reserved resources that exceed dpuResources (a missing total counts as 0), mapped to the additional amount
   * needed in dpuResources; empty when the flavor is consistent. (Upstream's webhook check; not expressible in CEL
   * at an acceptable cost, so reported by the controller.)
   */
  public Map<String, Quantity> reservedResourcesShortfall() {
    Map<String, Quantity> shortfall = new TreeMap<>();
    if (systemReservedResources == null) {
      return shortfall;
    }
    Map<String, Quantity> totals = Resources.quantities(dpuResources);
    for (Map.Entry<String, Quantity> reserved : Resources.quantities(systemReservedResources).entrySet()) {
      Quantity total = totals == null ? null : totals.get(reserved.getKey());
      BigDecimal available = total == null ? BigDecimal.ZERO : total.getNumericalAmount();
      BigDecimal missing = reserved.getValue().getNumericalAmount().subtract(available);
      if (missing.signum() > 0) {
        shortfall.put(reserved.getKey(), Quantity.fromNumericalAmount(missing, reserved.getValue().getFormat()));
      }
    }
    return shortfall;
  }

  /**
   * Upstream's message for {@link #reservedResourcesShortfall()}, e.g. {@code ... Additional resources needed in
   * spec.dpuResources: [cpu: 2 memory: 1Gi]}; null when there is no shortfall.
   */
  public String reservedResourcesShortfallMessage() {
    Map<String, Quantity> shortfall = reservedResourcesShortfall();
    if (shortfall.isEmpty()) {
      return null;
    }
    StringBuilder list = new StringBuilder();
    shortfall.forEach((name, qty) -> list.append(list.length() == 0 ? "" : " ").append(name).append(": ")
        .append(qty.toString()));
    return "resources are misconfigured: reserved resource specified in spec.systemReservedResources exceed the ones "
        + "defined in spec.dpuResources: Additional resources needed in spec.dpuResources: [" + list + "]";
  }

  /** The password hash of an {@code ubuntu_PASSWORD=<hash>} entry of bfcfgParameters (key compared trimmed). */
  public Optional<String> ubuntuPassword() {
    if (bfcfgParameters == null) {
      return Optional.empty();
    }
    for (String line : bfcfgParameters) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).trim().equals(DPUFlavor.BFCFG_UBUNTU_PASSWORD)) {
        return Optional.of(line.substring(eq + 1));
      }
    }
    return Optional.empty();
  }

  /** bfcfgParameters without the {@code ubuntu_PASSWORD} entry: the lines that go to the top of bf.cfg. */
  public List<String> bfcfgHeaderLines() {
    if (bfcfgParameters == null) {
      return List.of();
    }
    return bfcfgParameters.stream().filter(line -> {
      int eq = line.indexOf('=');
      return !(eq > 0 && line.substring(0, eq).trim().equals(DPUFlavor.BFCFG_UBUNTU_PASSWORD));
    }).toList();
  }

  public DPUFlavorGrub getGrub() {
    return grub;
  }

  public void setGrub(DPUFlavorGrub grub) {
    this.grub = grub;
  }

  public DPUFlavorSysctl getSysctl() {
    return sysctl;
  }

  public void setSysctl(DPUFlavorSysctl sysctl) {
    this.sysctl = sysctl;
  }

  public List<DPUFlavorNVConfig> getNvconfig() {
    return nvconfig;
  }

  public void setNvconfig(List<DPUFlavorNVConfig> nvconfig) {
    this.nvconfig = nvconfig;
  }

  public DPUFlavorOVS getOvs() {
    return ovs;
  }

  public void setOvs(DPUFlavorOVS ovs) {
    this.ovs = ovs;
  }

  public List<String> getBfcfgParameters() {
    return bfcfgParameters;
  }

  public void setBfcfgParameters(List<String> bfcfgParameters) {
    this.bfcfgParameters = bfcfgParameters;
  }

  public List<ConfigFile> getConfigFiles() {
    return configFiles;
  }

  public void setConfigFiles(List<ConfigFile> configFiles) {
    this.configFiles = configFiles;
  }

  public ContainerdConfig getContainerdConfig() {
    return containerdConfig;
  }

  public void setContainerdConfig(ContainerdConfig containerdConfig) {
    this.containerdConfig = containerdConfig;
  }

  public Map<String, IntOrString> getDpuResources() {
    return dpuResources;
  }

  public void setDpuResources(Map<String, IntOrString> dpuResources) {
    this.dpuResources = dpuResources;
  }

  public Map<String, IntOrString> getSystemReservedResources() {
    return systemReservedResources;
  }

  public void setSystemReservedResources(Map<String, IntOrString> systemReservedResources) {
    this.systemReservedResources = systemReservedResources;
  }

  public DPUMode getDpuMode() {
    return dpuMode;
  }

  public void setDpuMode(DPUMode dpuMode) {
    this.dpuMode = dpuMode;
  }

  public List<HostNetworkInterfaceConfig> getHostNetworkInterfaceConfigs() {
    return hostNetworkInterfaceConfigs;
  }

  public void setHostNetworkInterfaceConfigs(List<HostNetworkInterfaceConfig> hostNetworkInterfaceConfigs) {
    this.hostNetworkInterfaceConfigs = hostNetworkInterfaceConfigs;
  }
}
