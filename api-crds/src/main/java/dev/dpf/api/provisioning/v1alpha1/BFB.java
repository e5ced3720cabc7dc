package dev.dpf.api.provisioning.v1alpha1;

import static dev.dpf.api.common.ApiGroups.READY_STATUS_PATH;

import dev.dpf.api.common.ApiGroups;
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

/**
 * A BlueField bootstream image (firmware + Arm OS bundle) downloaded once into the shared BFB volume so DPUs can be
 * flashed from it.
 */
@Group(ApiGroups.PROVISIONING)
@Version(ApiGroups.V1ALPHA1)
@Kind("BFB")
@Plural("bfbs")
@Singular("bfb")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.download.percent", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "File", jsonPath = ".status.fileName", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class BFB extends CustomResource<BFBSpec, BFBStatus> implements Namespaced {

  /** Finalizer that keeps the object until its file is removed. */
  public static final String FINALIZER = "provisioning.dpu.nvidia.com/bfb-protection";

  /** The file name used when {@code spec.fileName} is empty: {@code <namespace>-<name>.bfb}. */
  public String effectiveFileName() {
    BFBSpec spec = getSpec();
    if (spec != null && spec.getFileName() != null && !spec.getFileName().isEmpty()) {
      return spec.getFileName();
    }
    return getMetadata().getNamespace() + "-" + getMetadata().getName() + ".bfb";
  }
}
