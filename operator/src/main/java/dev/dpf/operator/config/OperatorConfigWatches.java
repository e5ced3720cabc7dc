package dev.dpf.operator.config;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.runtime.DpfRuntimeConfig;
import dev.dpf.common.runtime.RuntimeSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What wakes the DPFOperatorConfig controller (reference §4.5 "Watches/triggers"), all mapped to the singleton, all
 * restricted to the singleton's namespace:
 * <ul>
 *   <li>DPUServices and DaemonSets labelled {@code dpu.nvidia.com/component} (status changes → readiness; a deleted
 *       or edited system object is re-applied);</li>
 *   <li>Secrets that are listed in {@code spec.imagePullSecrets}, carry the pull-secret label or are ApplySet
 *       parents (a missing pull secret appearing ends the wait);</li>
 *   <li>a start-up source that settles the run-time settings when no DPFOperatorConfig exists.</li>
 * </ul>
 */
@Rbac(group = "svc.dpu.nvidia.com", resources = {"dpuservices"}, verbs = {"list", "watch"})
@Rbac(group = "apps", resources = {"daemonsets"}, verbs = {"list", "watch"})
@Rbac(group = "", resources = {"secrets"}, verbs = {"list", "watch"})
@Rbac(group = "operator.dpu.nvidia.com", resources = {"dpfoperatorconfigs"}, verbs = {"get"})
final class OperatorConfigWatches {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorConfigWatches.class);

  final InformerEventSource<DPUService, DPFOperatorConfig> dpuServices;
  final InformerEventSource<DaemonSet, DPFOperatorConfig> daemonSets;
  final InformerEventSource<Secret, DPFOperatorConfig> secrets;
  final SimpleInboundEventSource<DPFOperatorConfig> startup;
  private final String namespace;

  OperatorConfigWatches(EventSourceContext<DPFOperatorConfig> context, String namespace, String name,
      RuntimeSettings settings) {
    this.namespace = namespace;
    ResourceID singleton = new ResourceID(name, namespace);
    Set<ResourceID> target = Set.of(singleton);
    dpuServices = new InformerEventSource<>(InformerEventSourceConfiguration.from(DPUService.class,
            DPFOperatorConfig.class)
        .withName("dpfoperatorconfig-dpuservices")
        .withNamespaces(Set.of(namespace))
        .withFollowControllerNamespacesChanges(false)
        .withLabelSelector(OperatorLabels.COMPONENT)
        .withSecondaryToPrimaryMapper(s -> target)
        .build(), context);
    daemonSets = new InformerEventSource<>(InformerEventSourceConfiguration.from(DaemonSet.class,
            DPFOperatorConfig.class)
        .withName("dpfoperatorconfig-daemonsets")
        .withNamespaces(Set.of(namespace))
        .withFollowControllerNamespacesChanges(false)
        .withLabelSelector(OperatorLabels.COMPONENT)
        .withSecondaryToPrimaryMapper(s -> target)
        .build(), context);
    secrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, DPFOperatorConfig.class)
        .withName("dpfoperatorconfig-secrets")
        .withNamespaces(Set.of(namespace))
        .withFollowControllerNamespacesChanges(false)
        .withSecondaryToPrimaryMapper(s -> relevant(s, context, singleton) ? target : Set.of())
        .build(), context);
    KubernetesClient client = context.getClient();
    startup = new SimpleInboundEventSource<>("dpfoperatorconfig-startup") {
      @Override
      public void start() {
        super.start();
        // no DPFOperatorConfig → nothing will be reconciled: the defaults are the settled state
        try {
          if (client.resources(DPFOperatorConfig.class).inNamespace(namespace).withName(name).get() == null) {
            settings.publish(DpfRuntimeConfig.defaults());
          }
        } catch (KubernetesClientException e) {
          // the settings settle with the first reconcile of the DPFOperatorConfig instead
          LOG.atWarn().addKeyValue("error", e.getMessage()).log("cannot look up the DPFOperatorConfig at start-up");
        }
      }
    };
  }

  List<EventSource<?, DPFOperatorConfig>> all() {
    return List.of(dpuServices, daemonSets, secrets, startup);
  }

  DPUService dpuService(String name) {
    return dpuServices.get(new ResourceID(name, namespace)).orElse(null);
  }

  DaemonSet daemonSet(String name) {
    return daemonSets.get(new ResourceID(name, namespace)).orElse(null);
  }

  Secret secret(String ns, String name) {
    return secrets.get(new ResourceID(name, ns)).orElse(null);
  }

  /** Cached Secrets of the namespace carrying the image-pull-secret label. */
  Stream<Secret> labelledSecrets() {
    return secrets.list(namespace, s -> label(s, OperatorLabels.IMAGE_PULL_SECRET) != null);
  }

  private static boolean relevant(Secret s, EventSourceContext<DPFOperatorConfig> context, ResourceID singleton) {
    if (label(s, OperatorLabels.IMAGE_PULL_SECRET) != null || label(s, OperatorLabels.APPLYSET_ID) != null) {
      return true;
    }
    return context.getPrimaryCache().get(singleton)
        .map(c -> c.getSpec() != null && c.getSpec().getImagePullSecrets() != null
            && c.getSpec().getImagePullSecrets().contains(s.getMetadata().getName()))
        .orElse(false);
  }

  private static String label(HasMetadata o, String key) {
    Map<String, String> labels = o.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
