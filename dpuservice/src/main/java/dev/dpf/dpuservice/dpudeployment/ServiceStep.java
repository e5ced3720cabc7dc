package dev.dpf.dpuservice.dpudeployment;

import dev.dpf.api.svc.v1alpha1.DPUDeployment;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUDeploymentServiceDependency;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.DPUServiceConfiguration;
import dev.dpf.api.svc.v1alpha1.DPUServiceInterface;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplate;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.events.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Generates the DPUServices and DPUServiceInterfaces of a DPUDeployment (reference dpuservice.md 12.7-12.10): in
 * dependency order, with templated configuration values coalesced over the template's, one revision family per
 * service, and stale objects deleted when every service succeeded.
 */
final class ServiceStep {

  /** Result: errors of the DPUServices and of the DPUServiceInterfaces (empty when fine). */
  record Result(List<String> serviceErrors, List<String> interfaceErrors) {}

  private final Sources sources;
  private final Children children;
  private final EventRecorder events;
  private final RandomGenerator random;

  ServiceStep(Sources sources, Children children, EventRecorder events, RandomGenerator random) {
    this.sources = sources;
    this.children = children;
    this.events = events;
    this.random = random;
  }

  Result run(DPUDeployment dep, Dependencies.Resolved deps, Rollout rollout) {
    List<String> serviceErrors = new ArrayList<>();
    List<String> interfaceErrors = new ArrayList<>();
    List<String> order;
    try {
      order = ServiceOrder.sort(dep.getSpec().getServices());
    } catch (IllegalArgumentException e) {
      serviceErrors.add(e.getMessage());
      return new Result(serviceErrors, interfaceErrors);
    }
    List<DPUService> existing = Sources.ownedBy(sources.services, dep);
    Map<String, DPUService> applied = new LinkedHashMap<>();
    Set<String> keepServices = new HashSet<>();
    Set<String> keepInterfaces = new HashSet<>();
    int limit = dep.getSpec().effectiveRevisionHistoryLimit();
    for (String key : order) {
      DPUServiceTemplate template = deps.templates().get(key);
      DPUServiceConfiguration config = deps.configurations().get(key);
      List<DPUService> revisions = existing.stream().filter(s -> belongsTo(s, dep, key)).toList();
      String digest = Generator.serviceVersionDigest(config, template);
      boolean inCluster = config.getSpec().deploysInCluster();
      boolean disruptive = config.getSpec().applyNodeEffect() && !inCluster;
      Revisions.Plan<DPUService> plan = Revisions.plan(revisions, ServiceLabels.DPUSERVICE_VERSION, digest,
          disruptive, limit, () -> Generator.randomName(key, random));
      revisions.forEach(r -> keepServices.add(r.getMetadata().getName()));
      revisions.forEach(r -> keepInterfaces.addAll(interfacesOf(r)));
      try {
        Map<String, Object> values;
        try {
          values = values(dep, key, template, config, applied);
        } catch (GoTemplates.TemplateException e) {
          serviceErrors.add(e.getMessage());
          continue;
        }
        List<String> ifNames = Generator.interfaceNames(dep, key, plan.name(), config);
        Generator.ServiceRevision rev = new Generator.ServiceRevision(key, plan.name(), digest, template, config,
            values, ifNames);
        DPUService result = children.apply(Generator.dpuService(dep, rev, dep.getSpec().getDpus().getDpuSets()));
        applied.put(key, result);
        keepServices.add(plan.name());
        keepInterfaces.addAll(ifNames);
        if (plan.create()) {
          events.normal(dep, "CreatedRevision", "Created DPUService " + plan.name() + " for service " + key
              + (plan.upgrading() ? " (new revision; previous: " + names(plan.old()) + ")" : ""));
        }
        try {
          for (DPUServiceInterface ifc : Generator.interfaces(dep, rev, result)) {
            children.apply(ifc);
          }
        } catch (KubernetesClientException e) {
          interfaceErrors.add("service " + key + ": " + e.getMessage());
        }
        retire(dep, key, plan, result, inCluster, disruptive, rollout, keepServices, keepInterfaces);
        if (!inCluster) {
          rollout.versionLabels.put(ServiceLabels.dpuServiceVersionLabel(key), plan.name());
        }
      } catch (KubernetesClientException e) {
        serviceErrors.add("service " + key + ": " + e.getMessage());
      }
    }
    if (serviceErrors.isEmpty() && interfaceErrors.isEmpty()) {
      for (DPUService s : existing) {
        if (!keepServices.contains(s.getMetadata().getName())) {
          children.delete(s);
          children.setPaused(s, false);
        }
      }
      for (DPUServiceInterface i : Sources.ownedBy(sources.interfaces, dep)) {
        if (!keepInterfaces.contains(i.getMetadata().getName())) {
          children.delete(i);
        }
      }
    }
    return new Result(serviceErrors, interfaceErrors);
  }

  /** Pauses, prunes and finally retires old revisions (12.10.3, 12.10.7). */
  private void retire(DPUDeployment dep, String key, Revisions.Plan<DPUService> plan, DPUService current,
      boolean inCluster, boolean disruptive, Rollout rollout, Set<String> keepServices, Set<String> keepInterfaces) {
    for (DPUService s : plan.prune()) {
      children.delete(s);
      children.setPaused(s, false);
      keepServices.remove(s.getMetadata().getName());
      keepInterfaces.removeAll(interfacesOf(s));
    }
    if (!plan.upgrading()) {
      return;
    }
    boolean done = Rollout.ready(current, DPUService::getStatus) && (inCluster
        || Rollout.done(dep, Sources.ownedBy(sources.dpuSets, dep), ServiceLabels.dpuServiceVersionLabel(key),
            plan.name()));
    for (DPUService old : plan.old()) {
      if (done) {
        children.delete(old);
        children.setPaused(old, false);
        keepServices.remove(old.getMetadata().getName());
        keepInterfaces.removeAll(interfacesOf(old));
      } else if (!inCluster) {
        children.setPaused(old, true);
      }
    }
    if (done) {
      events.normal(dep, "RevisionRolledOut", "Service " + key + " rolled out to revision " + plan.name()
          + "; deleted " + names(plan.old()));
    } else {
      rollout.disruptivePending |= disruptive;
    }
  }

  /**
   * Configuration values (templated when the service has dependencies, 12.9) coalesced over the template's; throws
   * with upstream's {@code failed to template DPUService <k>: ...} message.
   */
  private Map<String, Object> values(DPUDeployment dep, String key, DPUServiceTemplate template,
      DPUServiceConfiguration config, Map<String, DPUService> applied) throws GoTemplates.TemplateException {
    Map<String, Object> configValues = config.getSpec().getServiceConfiguration() == null
        || config.getSpec().getServiceConfiguration().getHelmChart() == null
        ? null : config.getSpec().getServiceConfiguration().getHelmChart().getValues();
    DPUDeploymentServiceConfiguration svc = dep.getSpec().getServices().get(key);
    List<DPUDeploymentServiceDependency> dependsOn = svc.getDependsOn();
    if (dependsOn != null && !dependsOn.isEmpty()) {
      Map<String, Object> services = new LinkedHashMap<>();
      for (DPUDeploymentServiceDependency d : dependsOn) {
        DPUService dependency = applied.get(d.getName());
        if (dependency == null) {
          throw new GoTemplates.TemplateException("failed to template DPUService " + key + ": dependency "
              + d.getName() + " has not been applied");
        }
        services.put(d.getName(), Map.of("Name", dependency.getMetadata().getName(),
            "Namespace", dependency.getMetadata().getNamespace()));
      }
      if (configValues != null) {
        try {
          configValues = ValueTemplating.render(configValues, config.templateDelimiters(),
              Map.of("Services", services));
        } catch (GoTemplates.TemplateException e) {
          throw new GoTemplates.TemplateException("failed to template DPUService " + key + ": " + e.getMessage());
        }
      }
    }
    Map<String, Object> templateValues = template.getSpec().getHelmChart() == null ? null
        : template.getSpec().getHelmChart().getValues();
    return HelmValues.coalesce(configValues, templateValues);
  }

  /** Whether a DPUService is a revision of service {@code key} of this DPUDeployment (v25.x label or v24.10 name). */
  static boolean belongsTo(DPUService s, DPUDeployment dep, String key) {
    Map<String, String> labels = s.getMetadata().getLabels();
    if (labels != null && labels.containsKey(ServiceLabels.DPUDEPLOYMENT_SERVICE)) {
      return key.equals(labels.get(ServiceLabels.DPUDEPLOYMENT_SERVICE));
    }
    return s.getMetadata().getName().equals(DPUDeployment.legacyDpuServiceName(dep.getMetadata().getName(), key));
  }

  private static List<String> interfacesOf(DPUService s) {
    return s.getSpec() == null || s.getSpec().getInterfaces() == null ? List.of() : s.getSpec().getInterfaces();
  }

  private static String names(List<DPUService> list) {
    return String.join(", ", list.stream().map(s -> s.getMetadata().getName()).toList());
  }
}
