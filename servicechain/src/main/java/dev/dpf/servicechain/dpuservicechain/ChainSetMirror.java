package dev.dpf.servicechain.dpuservicechain;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.svc.v1alpha1.DPUServiceChain;
import dev.dpf.api.svc.v1alpha1.DPUServiceChainStatus;
import dev.dpf.api.svc.v1alpha1.ServiceChainSet;
import dev.dpf.api.svc.v1alpha1.ServiceChainSpec;
import dev.dpf.api.svc.v1alpha1.Switch;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.Statuses;
import dev.dpf.servicechain.mirror.SameNameMirror;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * DPUServiceChain → same-named ServiceChainSet in each DPU cluster (reference §2.3). Also checks the rule CRD
 * validation cannot express: a switch's {@code serviceMTU} must not exceed the DPFOperatorConfig's
 * {@code networking.highSpeedMTU} (later releases).
 */
@Rbac(group = "operator.dpu.nvidia.com", resources = {"dpfoperatorconfigs"}, verbs = {"get", "list", "watch"})
public final class ChainSetMirror extends SameNameMirror<DPUServiceChain, DPUServiceChainStatus, ServiceChainSet> {

  /** highSpeedMTU when the DPFOperatorConfig does not set it (the CRD default). */
  static final int DEFAULT_HIGH_SPEED_MTU = 1500;

  private final String operatorNamespace;
  private volatile InformerEventSource<DPFOperatorConfig, DPUServiceChain> configs;

  /** @param operatorNamespace namespace of the DPFOperatorConfig */
  public ChainSetMirror(String operatorNamespace) {
    super(ServiceChainSet.class);
    this.operatorNamespace = operatorNamespace;
  }

  @Override
  public List<EventSource<?, DPUServiceChain>> eventSources(EventSourceContext<DPUServiceChain> context,
      Supplier<Set<ResourceID>> all) {
    configs = new InformerEventSource<>(InformerEventSourceConfiguration.from(DPFOperatorConfig.class,
            DPUServiceChain.class)
        .withName("dpfoperatorconfigs")
        .withNamespaces(Set.of(operatorNamespace))
        .withSecondaryToPrimaryMapper(c -> all.get())
        .withOnUpdateFilter((now, old) -> !Objects.equals(Statuses.snapshot(now.getSpec().getNetworking()),
            Statuses.snapshot(old.getSpec().getNetworking())))
        .build(), context);
    return List.of(configs);
  }

  @Override
  public Optional<String> invalid(DPUServiceChain chain) {
    if (configs == null) {
      return Optional.empty();
    }
    Optional<DPFOperatorConfig> config = configs.list()
        .filter(c -> c.getMetadata().getDeletionTimestamp() == null)
        .min(Comparator.comparing(c -> c.getMetadata().getName()));
    if (config.isEmpty()) {
      return Optional.empty();
    }
    return mtuViolation(chain, highSpeedMtu(config.get()), config.get().getMetadata().getName());
  }

  static int highSpeedMtu(DPFOperatorConfig config) {
    return config.getSpec() == null || config.getSpec().getNetworking() == null
        || config.getSpec().getNetworking().getHighSpeedMTU() == null
        ? DEFAULT_HIGH_SPEED_MTU : config.getSpec().getNetworking().getHighSpeedMTU();
  }

  /** The first switch whose serviceMTU (default 1500) exceeds {@code highSpeedMtu}, as a message. */
  static Optional<String> mtuViolation(DPUServiceChain chain, int highSpeedMtu, String configName) {
    ServiceChainSpec spec = chain.getSpec().getTemplate().getSpec().getTemplate().getSpec();
    List<Switch> switches = spec.getSwitches() == null ? List.of() : spec.getSwitches();
    for (int i = 0; i < switches.size(); i++) {
      int mtu = switches.get(i).getServiceMTU() == null ? Switch.DEFAULT_SERVICE_MTU : switches.get(i).getServiceMTU();
      if (mtu > highSpeedMtu) {
        return Optional.of("spec.template.spec.template.spec.switches[" + i + "].serviceMTU " + mtu
            + " exceeds networking.highSpeedMTU " + highSpeedMtu + " of DPFOperatorConfig " + configName);
      }
    }
    return Optional.empty();
  }

  @Override
  public ServiceChainSet desired(DPUServiceChain primary) {
    ServiceChainSet set = new ServiceChainSet();
    identity(set, primary, primary.getSpec().getTemplate().getMetadata());
    set.setSpec(Statuses.copy(primary.getSpec().getTemplate().getSpec()));
    return set;
  }

  /** Upstream's DPUServiceChain prefixes this message with {@code Error occurred: } (§2.1 step 8). */
  @Override
  public String awaitingDeletionMessage(int remaining) {
    return "Error occurred: " + remaining + " objects still exist across all DPU clusters";
  }

  @Override
  public List<String> conditions() {
    return DPUServiceChain.CONDITIONS;
  }

  @Override
  public String reconciledCondition() {
    return DPUServiceChain.CONDITION_SERVICE_CHAIN_SET_RECONCILED;
  }

  @Override
  public String readyCondition() {
    return DPUServiceChain.CONDITION_SERVICE_CHAIN_SET_READY;
  }

  @Override
  public String fieldOwner() {
    return DPUServiceChain.FIELD_OWNER;
  }

  @Override
  public DPUServiceChainStatus newStatus() {
    return new DPUServiceChainStatus();
  }

  @Override
  public LabelSelector dpuClusterSelector(DPUServiceChain primary) {
    return primary.getSpec().getDpuClusterSelector();
  }
}
