package dev.dpf.dpuservice.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfigurationStatus;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Status of DPUServiceConfigurations (an extension: upstream has no controller and an empty status).
 * {@code ConfigurationValid} reports the rules the CRD cannot express ({@link ConfigurationValidation});
 * {@code Consumed} (informational) lists the DPUDeployments of the namespace that use the configuration. {@code Ready}
 * reflects validity only, so an unused but valid configuration is Ready. Nothing but the status is written.
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuserviceconfigurations"}, verbs = {"get", "list", "watch"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuserviceconfigurations/status"},
    verbs = {"get", "patch", "update"})
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpudeployments"}, verbs = {"get", "list", "watch"})
@ControllerConfiguration(name = "dpuserviceconfiguration", fieldManager = DpuServiceConfigurationReconciler.FIELD_OWNER)
public class DpuServiceConfigurationReconciler implements Reconciler<DPUServiceConfiguration> {

  public static final String FIELD_OWNER = "dpuserviceconfigurationcontroller";
  public static final String CONDITION_VALID = "ConfigurationValid";
  public static final String CONDITION_CONSUMED = "Consumed";
  public static final List<String> CONDITIONS = List.of(Conditions.READY, CONDITION_VALID, CONDITION_CONSUMED);

  private final StatusConditions conditions;
  private InformerEventSource<DPUDeployment, DPUServiceConfiguration> deployments;

  public DpuServiceConfigurationReconciler(StatusConditions conditions) {
    this.conditions = conditions;
  }

  @Override
  public List<EventSource<?, DPUServiceConfiguration>> prepareEventSources(
      EventSourceContext<DPUServiceConfiguration> context) {
    deployments = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(DPUDeployment.class, DPUServiceConfiguration.class)
        .withName("configuration-consumers")
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(dep -> references(dep).stream()
            .map(name -> new ResourceID(name, dep.getMetadata().getNamespace())).collect(Collectors.toSet()))
        .build(), context);
    return List.of(deployments);
  }

  private static Set<String> references(DPUDeployment dep) {
    if (dep.getSpec() == null || dep.getSpec().getServices() == null) {
      return Set.of();
    }
    return dep.getSpec().getServices().values().stream().filter(s -> s != null && s.getServiceConfiguration() != null)
        .map(DPUDeploymentServiceConfiguration::getServiceConfiguration).collect(Collectors.toSet());
  }

  @Override
  public UpdateControl<DPUServiceConfiguration> reconcile(DPUServiceConfiguration config,
      Context<DPUServiceConfiguration> context) {
    JsonNode before = Statuses.snapshot(config.getStatus());
    DPUServiceConfigurationStatus status = config.getStatus() == null ? new DPUServiceConfigurationStatus()
        : Statuses.copy(config.getStatus());
    config.setStatus(status);
    Long gen = config.getMetadata().getGeneration();
    conditions.ensure(status, CONDITIONS, gen);
    List<String> errors = ConfigurationValidation.validate(config);
    if (errors.isEmpty()) {
      conditions.setTrue(status, CONDITION_VALID, gen);
      conditions.setTrue(status, Conditions.READY, gen);
    } else {
      conditions.setFalse(status, CONDITION_VALID, Conditions.REASON_FAILURE,
          "Error occurred: " + String.join(", ", errors), gen);
      conditions.setFalse(status, Conditions.READY, Conditions.REASON_FAILURE,
          "The following conditions are not ready: " + CONDITION_VALID, gen);
    }
    String name = config.getMetadata().getName();
    List<String> consumers = deployments.list(config.getMetadata().getNamespace(),
            dep -> dep.getMetadata().getDeletionTimestamp() == null && references(dep).contains(name))
        .map(dep -> dep.getMetadata().getNamespace() + "/" + dep.getMetadata().getName()).sorted().toList();
    if (consumers.isEmpty()) {
      conditions.setFalse(status, CONDITION_CONSUMED, Conditions.REASON_PENDING,
          "Not consumed by any DPUDeployment", gen);
    } else {
      conditions.set(status, CONDITION_CONSUMED, Conditions.TRUE, Conditions.REASON_SUCCESS,
          "Consumed by DPUDeployment " + String.join(", ", consumers), gen);
    }
    return Statuses.update(config, before);
  }
}
