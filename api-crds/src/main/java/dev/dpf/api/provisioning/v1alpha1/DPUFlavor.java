package dev.dpf.api.provisioning.v1alpha1;

import static dev.dpf.api.common.ApiGroups.READY_STATUS_PATH;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.ApiGroups;
import dev.dpf.api.common.Conditions;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.Annotations;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * An immutable bundle of DPU OS and firmware configuration, rendered into each DPU's {@code bf.cfg} and partly into
 * the host network pod. Upstream has no status; this implementation gives it the common status (conditions,
 * observedGeneration) so that every kind has a Ready condition.
 */
@Group(ApiGroups.PROVISIONING)
@Version(ApiGroups.V1ALPHA1)
@Kind("DPUFlavor")
@Plural("dpuflavors")
@Singular("dpuflavor")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.dpuMode", type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DPUFlavor extends CustomResource<DPUFlavorSpec, DPUFlavorStatus> implements Namespaced {

  /** Upstream has no conditions on DPUFlavor; this implementation only reports Ready. */
  public static final List<String> CONDITIONS = List.of(Conditions.READY);

  /** Flavor installed by default in the DPF namespace (HBN + OVN guide). */
  public static final String DEFAULT_FLAVOR_HBN_OVN = "dpf-provisioning-hbn-ovn";

  /** Entry of {@code spec.bfcfgParameters} that carries the {@code ubuntu} user's password hash. */
  public static final String BFCFG_UBUNTU_PASSWORD = "ubuntu_PASSWORD";
  /** {@code nvconfig} parameter read for the number of host VFs ({@code ^NUM_OF_VFS=([0-9]+)}). */
  public static final String NVCONFIG_NUM_OF_VFS = "NUM_OF_VFS";
  /** {@code nvconfig} parameter read for the number of SFs created on the DPU ({@code ^PF_TOTAL_SF=([0-9]+)}). */
  public static final String NVCONFIG_PF_TOTAL_SF = "PF_TOTAL_SF";
  /** The only {@code nvconfig[].device} value v24.10 accepts: all devices. */
  public static final String NVCONFIG_ALL_DEVICES = "*";

  @Override
  @JsonPropertyDescription("DPUFlavorSpec is the DPU configuration. The whole spec is immutable.")
  public DPUFlavorSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("DPUFlavorStatus reports conditions (an extension: upstream DPUFlavor has no status).")
  public DPUFlavorStatus getStatus() {
    return super.getStatus();
  }
}
