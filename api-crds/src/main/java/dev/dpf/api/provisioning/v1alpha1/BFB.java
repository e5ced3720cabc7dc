package dev.dpf.api.provisioning.v1alpha1;

import static dev.dpf.api.common.ApiGroups.READY_STATUS_PATH;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.dpf.api.common.ApiGroups;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.Annotations;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
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
@ValidationRule(value = "self.metadata.name.size() <= 187",
    message = "metadata.name must be no more than 187 characters")
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.download.percent", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "File", jsonPath = ".status.fileName", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class BFB extends CustomResource<BFBSpec, BFBStatus> implements Namespaced {

  /** Finalizer that keeps the object until its file is removed. */
  public static final String FINALIZER = "provisioning.dpu.nvidia.com/bfb-protection";

  // ---- condition types (later releases; v24.10 has only the phase)
  public static final String CONDITION_INITIALIZED = "Initialized";
  public static final String CONDITION_DOWNLOADED = "Downloaded";
  public static final String CONDITION_READY = "Ready";
  public static final String CONDITION_ERROR = "Error";
  public static final String CONDITION_DELETED = "Deleted";
  public static final List<String> CONDITIONS = List.of(CONDITION_INITIALIZED, CONDITION_DOWNLOADED, CONDITION_READY,
      CONDITION_ERROR, CONDITION_DELETED);

  // ---- event reasons (v24.10)
  public static final String EVENT_SUCCESSFUL_DOWNLOAD = "SuccessfulDownload";
  public static final String EVENT_FAILED_DOWNLOAD = "FailedDownload";
  public static final String EVENT_FAILED_DELETE = "FailedDelete";

  @Override
  @JsonPropertyDescription("BFBSpec says where to download the BFB from and what to call it. Immutable.")
  public BFBSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @Default("{\"phase\":\"Initializing\"}")
  @JsonPropertyDescription("BFBStatus is the observed state of the BFB.")
  public BFBStatus getStatus() {
    return super.getStatus();
  }

  /** The current phase; an absent phase counts as {@code Initializing} (the schema default). */
  public BFBPhase effectivePhase() {
    BFBStatus status = getStatus();
    return status != null && status.getPhase() != null ? status.getPhase() : BFBPhase.INITIALIZING;
  }

  /**
   * The BFB version label value derived from the URL: the last path segment without its extension, e.g.
   * {@code bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod} (reference 9.6.2).
   */
  public String urlBaseName() {
    String url = getSpec() == null ? null : getSpec().getUrl();
    if (url == null) {
      return null;
    }
    String last = url.substring(url.lastIndexOf('/') + 1);
    int dot = last.lastIndexOf('.');
    return dot > 0 ? last.substring(0, dot) : last;
  }

  /** The file name used when {@code spec.fileName} is empty: {@code <namespace>-<name>.bfb}. */
  public String effectiveFileName() {
    BFBSpec spec = getSpec();
    if (spec != null && spec.getFileName() != null && !spec.getFileName().isEmpty()) {
      return spec.getFileName();
    }
    return getMetadata().getNamespace() + "-" + getMetadata().getName() + ".bfb";
  }
}
