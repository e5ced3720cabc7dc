package dev.dpf.provisioning.dpu;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.DPFOperatorConfigSpec;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@link ProvisioningSettings} read from the DPFOperatorConfig of the operator namespace through an informer (no API
 * call per read): the one named {@code dpfoperatorconfig}, else the first by name; none means the defaults. The
 * informer runs from construction until {@link #close()}; it only reads, so it also runs on followers.
 */
@Rbac(group = "operator.dpu.nvidia.com", resources = {"dpfoperatorconfigs"}, verbs = {"get", "list", "watch"})
public final class OperatorConfigSettings implements ProvisioningSettings, AutoCloseable {

  private final String namespace;
  private final SharedIndexInformer<DPFOperatorConfig> informer;

  public OperatorConfigSettings(KubernetesClient client, String namespace) {
    this.namespace = namespace;
    this.informer = client.resources(DPFOperatorConfig.class).inNamespace(namespace).runnableInformer(0);
    this.informer.start();
  }

  /** The DPFOperatorConfig in use, if any. */
  public Optional<DPFOperatorConfig> config() {
    List<DPFOperatorConfig> all = informer.getStore().list().stream()
        .sorted(Comparator.comparing(c -> c.getMetadata().getName())).toList();
    return all.stream().filter(c -> DPFOperatorConfig.DEFAULT_NAME.equals(c.getMetadata().getName())).findFirst()
        .or(() -> all.stream().findFirst());
  }

  private Optional<DPFOperatorConfigSpec> spec() {
    return config().map(DPFOperatorConfig::getSpec);
  }

  @Override
  public Integer dmsTimeoutSeconds() {
    return spec().map(DPFOperatorConfigSpec::getProvisioningController).map(p -> p.getDmsTimeout()).orElse(null);
  }

  @Override
  public String bfbPvcName() {
    return spec().map(DPFOperatorConfigSpec::getProvisioningController).map(p -> p.getBfbPVCName()).orElse(null);
  }

  @Override
  public List<String> imagePullSecrets() {
    return spec().map(DPFOperatorConfigSpec::getImagePullSecrets).orElse(List.of());
  }

  @Override
  public Integer highSpeedMtu() {
    return spec().map(DPFOperatorConfigSpec::getNetworking).map(n -> n.getHighSpeedMTU()).orElse(null);
  }

  @Override
  public boolean ready() {
    return informer.hasSynced();
  }

  @Override
  public String describe() {
    return config().map(c -> "DPFOperatorConfig " + namespace + "/" + c.getMetadata().getName())
        .orElse("the DPFOperatorConfig of namespace " + namespace + " (none found)");
  }

  @Override
  public void close() {
    informer.close();
  }
}
