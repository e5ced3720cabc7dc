package dev.dpf.agent.host;

import dev.dpf.agent.AgentContext;
import dev.dpf.agent.AgentMode;
import dev.dpf.agent.AgentOptions;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.ResolvedControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host mode ({@code --mode=host}): the {@link HostNetworkReconciler} for this node's DPUs and the
 * {@link HostLinkMonitor} that wakes it on host network changes.
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus"}, verbs = {"list"})
public final class HostMode implements AgentMode {

  /** The source of the agent's events ({@code source.component}). */
  public static final String COMPONENT = "dpu-agent";
  /** The DPU field the agent selects on (a selectable field of the DPU CRD). */
  public static final String NODE_NAME_FIELD = "spec.nodeName";

  private static final Logger LOG = LoggerFactory.getLogger(HostMode.class);

  /** Whether to select DPUs by field on the server; null: probe the API server. */
  private final Boolean fieldSelector;

  public HostMode() {
    this(null);
  }

  /** For tests: {@code false} forces the local filtering used against API servers without selectable fields. */
  HostMode(Boolean fieldSelector) {
    this.fieldSelector = fieldSelector;
  }

  @Override
  public String name() {
    return AgentOptions.MODE_HOST;
  }

  @Override
  public void register(AgentContext context) {
    AgentOptions options = context.options();
    IpRoute2 ip = new IpRoute2(options.ipCommand(), options.netns(), options.commandTimeout());
    HostNetworkConfigurator configurator = new HostNetworkConfigurator(new Sysfs(options.sysfsRoot()), ip);
    HostNetworkReconciler reconciler = new HostNetworkReconciler(options.nodeName(),
        options.operatorConfigNamespace().isEmpty() ? Set.of() : Set.of(options.operatorConfigNamespace()),
        configurator, context.conditions(), context.events(COMPONENT), options.resyncPeriod());
    boolean selectable = fieldSelector != null ? fieldSelector : nodeNameSelectable(context.client(), options);
    context.operator().register(reconciler, configuration(context.operator(), reconciler, options, selectable));
    HostLinkMonitor monitor = new HostLinkMonitor(ip.monitorCommand(), reconciler::hostLinkChanged).start();
    context.onStop(monitor);
  }

  /**
   * The reconciler's configuration: the annotation's, plus the watched namespaces, the {@code spec.nodeName} field
   * selector (when the API server supports it for DPUs) and filters that drop other nodes' DPUs and updates that do not
   * matter to the host network (status changes other than the phase, e.g. the agent's own condition).
   */
  static ControllerConfiguration<DPU> configuration(Operator operator, HostNetworkReconciler reconciler,
      AgentOptions options, boolean fieldSelector) {
    ControllerConfiguration<DPU> base = operator.getConfigurationService().getConfigurationFor(reconciler);
    InformerConfiguration<DPU>.Builder informer = InformerConfiguration.builder(base.getInformerConfig())
        .withNamespaces(options.watchNamespaces().isEmpty() ? Constants.WATCH_ALL_NAMESPACE_SET
            : options.watchNamespaces())
        .withGenericFilter(dpu -> dpu.getSpec() != null && options.nodeName().equals(dpu.getSpec().getNodeName()))
        .withOnUpdateFilter(HostMode::relevantUpdate);
    if (fieldSelector) {
      informer.withFieldSelector(new FieldSelector(new FieldSelector.Field(NODE_NAME_FIELD, options.nodeName())));
    }
    return new ResolvedControllerConfiguration<>(base.getName(), base.isGenerationAware(),
        base.getAssociatedReconcilerClassName(), base.getRetry(), base.getRateLimiter(),
        base.maxReconciliationInterval().orElse(null), base.getFinalizerName(), Map.of(), base.fieldManager(),
        base.getConfigurationService(), informer.buildForController(), base.triggerReconcilerOnAllEvents(),
        base.getWorkflowSpec().orElse(null));
  }

  /** An update matters when the spec, labels, deletion or phase changed. */
  static boolean relevantUpdate(DPU now, DPU old) {
    return !Objects.equals(now.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || !Objects.equals(now.getMetadata().getLabels(), old.getMetadata().getLabels())
        || !Objects.equals(now.getMetadata().getDeletionTimestamp(), old.getMetadata().getDeletionTimestamp())
        || now.effectivePhase() != old.effectivePhase();
  }

  /**
   * Whether the API server can select DPUs by {@code spec.nodeName} (the CRD declares it in {@code selectableFields};
   * Kubernetes 1.31+). Without it every agent would cache every DPU, so the agent then falls back to filtering in the
   * informer and says so.
   */
  static boolean nodeNameSelectable(KubernetesClient client, AgentOptions options) {
    try {
      var dpus = client.resources(DPU.class);
      var listing = options.watchNamespaces().isEmpty() ? dpus.inAnyNamespace()
          : dpus.inNamespace(options.watchNamespaces().iterator().next());
      listing.withField(NODE_NAME_FIELD, options.nodeName()).list(new ListOptionsBuilder().withLimit(1L).build());
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST) {
        LOG.atWarn().addKeyValue("error", e.getMessage()).log("the API server cannot select DPUs by spec.nodeName; "
            + "watching all DPUs and filtering locally");
        return false;
      }
      throw e;
    }
  }
}
