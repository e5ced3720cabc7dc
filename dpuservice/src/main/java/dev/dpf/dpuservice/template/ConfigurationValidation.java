package dev.dpf.dpuservice.template;

import dev.dpf.api.svc.v1alpha1.ConfigPort;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfigurationSpec;
import dev.dpf.api.svc.v1alpha1.ServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.ServiceInterfaceTemplate;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.dpuservice.dpudeployment.Quantities;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of a DPUServiceConfiguration that its CRD cannot express in CEL (shared by the DPUServiceConfiguration
 * controller, which reports them, and the DPUDeployment controller, which refuses an invalid configuration). Pure.
 *
 * <p>Value templates are not checked here: strings such as HBN's Jinja2 {@code {{ config.x }}} are only rendered as
 * Go templates when the service has {@code dependsOn} in a DPUDeployment, which the configuration cannot know; render
 * errors are reported by the DPUDeployment.
 */
public final class ConfigurationValidation {

  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern NETWORK = Pattern.compile(
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[a-z0-9]([-.a-z0-9]*[a-z0-9])?$");

  private ConfigurationValidation() {}

  /** Every problem, each naming its field; empty when valid. */
  public static List<String> validate(DPUServiceConfiguration configuration) {
    List<String> errors = new ArrayList<>();
    DPUServiceConfigurationSpec spec = configuration.getSpec();
    if (spec == null) {
      errors.add("spec: Required value");
      return errors;
    }
    interfaces(spec, errors);
    String delimiter = configuration.getMetadata().getAnnotations() == null ? null
        : configuration.getMetadata().getAnnotations().get(ServiceLabels.TEMPLATE_DELIMITER);
    if (delimiter != null) {
      String[] parts = delimiter.split(",", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank() || parts[0].equals(parts[1])) {
        errors.add("metadata.annotations[" + ServiceLabels.TEMPLATE_DELIMITER + "]: must be \"<open>,<close>\" with "
            + "two different non-empty delimiters, got \"" + delimiter + "\"");
      }
    }
    ServiceConfiguration sc = spec.getServiceConfiguration();
    if (sc != null && sc.getServiceDaemonSet() != null && sc.getServiceDaemonSet().getResources() != null) {
      sc.getServiceDaemonSet().getResources().forEach((name, value) -> {
        try {
          Quantities.parse(value);
        } catch (IllegalArgumentException e) {
          errors.add("spec.serviceConfiguration.serviceDaemonSet.resources[" + name + "]: " + e.getMessage());
        }
      });
    }
    if (sc != null && sc.getConfigPorts() != null && sc.getConfigPorts().getPorts() != null) {
      Set<String> seen = new HashSet<>();
      for (ConfigPort port : sc.getConfigPorts().getPorts()) {
        if (port.getName() != null && !seen.add(port.getName())) {
          errors.add("spec.serviceConfiguration.configPorts.ports: duplicate port name " + port.getName());
        }
      }
    }
    return errors;
  }

  private static void interfaces(DPUServiceConfigurationSpec spec, List<String> errors) {
    List<ServiceInterfaceTemplate> interfaces = spec.getInterfaces();
    if (interfaces == null) {
      return;
    }
    if (spec.deploysInCluster()) {
      errors.add("spec.interfaces: interfaces are not supported when deploying in cluster");
    }
    Set<String> names = new HashSet<>();
    Set<String> objectNames = new HashSet<>();
    for (int i = 0; i < interfaces.size(); i++) {
      ServiceInterfaceTemplate t = interfaces.get(i);
      String path = "spec.interfaces[" + i + "]";
      if (t.getName() == null) {
        continue;
      }
      if (!names.add(t.getName())) {
        errors.add(path + ".name: duplicate interface name " + t.getName());
      } else if (!objectNames.add(t.getName().replace('_', '-'))) {
        errors.add(path + ".name: " + t.getName() + " gives the same DPUServiceInterface name as another interface "
            + "(\"_\" becomes \"-\")");
      }
      if (!DNS_LABEL.matcher(t.getName().replace('_', '-')).matches()) {
        errors.add(path + ".name: " + t.getName() + " must consist of lower case alphanumeric characters, '-' or '_' "
            + "and start and end with an alphanumeric character (it is part of the DPUServiceInterface name)");
      }
      if (t.getNetwork() != null && !NETWORK.matcher(t.getNetwork()).matches()) {
        errors.add(path + ".network: " + t.getNetwork() + " must be a NetworkAttachmentDefinition <name> or "
            + "<namespace>/<name>");
      }
    }
  }
}
