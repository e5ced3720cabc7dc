package dev.dpf.api.svc.v1alpha1;

import static dev.dpf.api.common.ApiGroups.READY_REASON_PATH;
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
import java.util.List;

/**
 * The user's configuration of a service in a DPUDeployment: values, DaemonSet labels/annotations and interfaces.
 * Upstream has no controller, no finalizer of its own and an empty status; it receives the DPUDeployment finalizer
 * while consumed.
 */
@Group(ApiGroups.SVC)
@Version(ApiGroups.V1ALPHA1)
@Kind("DPUServiceConfiguration")
@Plural("dpuserviceconfigurations")
@Singular("dpuserviceconfiguration")
@Categories(ApiGroups.CATEGORY)
@Annotations(ApiGroups.KEEP_ANNOTATION)
@AdditionalPrinterColumn(name = "Ready", jsonPath = READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = READY_REASON_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DPUServiceConfiguration
    extends CustomResource<DPUServiceConfigurationSpec, DPUServiceConfigurationStatus> implements Namespaced {

  /** Upstream owns no condition types on this kind (its status is empty). */
  public static final List<String> CONDITIONS = List.of();

  /** Default Go-template delimiters of the values templating (annotation {@link ServiceLabels#TEMPLATE_DELIMITER}). */
  public static final String DEFAULT_TEMPLATE_DELIMITER_OPEN = "{{";
  public static final String DEFAULT_TEMPLATE_DELIMITER_CLOSE = "}}";

  /**
   * The templating delimiters {@code [open, close]}: from the annotation {@code svc.dpu.nvidia.com/template-delimiter}
   * ({@code "<open>,<close>"}) when it has exactly two non-empty parts, else {@code {{ }}}.
   */
  public List<String> templateDelimiters() {
    String value = getMetadata() == null || getMetadata().getAnnotations() == null
        ? null : getMetadata().getAnnotations().get(ServiceLabels.TEMPLATE_DELIMITER);
    if (value != null) {
      String[] parts = value.split(",", -1);
      if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
        return List.of(parts[0], parts[1]);
      }
    }
    return List.of(DEFAULT_TEMPLATE_DELIMITER_OPEN, DEFAULT_TEMPLATE_DELIMITER_CLOSE);
  }
}
