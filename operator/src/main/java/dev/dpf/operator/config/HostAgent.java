package dev.dpf.operator.config;

import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.List;
import java.util.Map;

/**
 * The node agent in host mode as a DaemonSet on every DPU host (label {@code feature.node.kubernetes.io/dpu-enabled:
 * "true"}): SR-IOV VFs and VF0 on {@code br-dpu} with the high-speed MTU (docs/controllers/dpu-agent-host.md). Part
 * of the {@code provisioning-controller} component: it replaces upstream's per-DPU host network pods, which the
 * provisioning controller creates. Pure.
 */
public final class HostAgent {

  public static final String NAME = "dpf-dpu-agent";
  /** Selector label of the agent's pods. */
  public static final String APP_LABEL = "app.kubernetes.io/name";
  /** Hosts with DPUs (upstream's DPU detector + NFD set it). */
  public static final String NODE_SELECTOR_KEY = "feature.node.kubernetes.io/dpu-enabled";

  private HostAgent() {}

  /**
   * @param namespace the DPFOperatorConfig's namespace (also where the agent looks for the DPFOperatorConfig)
   * @param image the agent image
   * @param pullSecrets {@code spec.imagePullSecrets}
   */
  public static DaemonSet build(String namespace, String image, List<String> pullSecrets, String serviceAccount,
      int healthPort) {
    Map<String, String> selector = Map.of(APP_LABEL, NAME);
    String address = ":" + healthPort;
    return new DaemonSetBuilder()
        .withNewMetadata().withName(NAME).withNamespace(namespace)
            .addToLabels(OperatorLabels.COMPONENT, OperatorLabels.PROVISIONING_CONTROLLER)
            .addToLabels(APP_LABEL, NAME)
        .endMetadata()
        .withNewSpec()
            .withNewSelector().withMatchLabels(selector).endSelector()
            .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(1)).endRollingUpdate().endUpdateStrategy()
            .withNewTemplate()
                .withNewMetadata().withLabels(selector)
                    .addToLabels(OperatorLabels.COMPONENT, OperatorLabels.PROVISIONING_CONTROLLER).endMetadata()
                .withNewSpec()
                    .withServiceAccountName(serviceAccount)
                    .withHostNetwork(true)
                    .withDnsPolicy("ClusterFirstWithHostNet")
                    .withNodeSelector(Map.of(NODE_SELECTOR_KEY, "true"))
                    .addNewToleration().withOperator("Exists").endToleration()
                    .withImagePullSecrets(pullSecrets.stream().map(LocalObjectReference::new).toList())
                    .withTerminationGracePeriodSeconds(30L)
                    .addToContainers(new ContainerBuilder()
                        .withName("agent")
                        .withImage(image)
                        .withArgs("--mode=host", "--dpfoperatorconfig-namespace=" + namespace,
                            "--health-probe-bind-address=" + address, "--log-format=json")
                        .addNewEnv().withName("NODE_NAME").withNewValueFrom().withNewFieldRef()
                            .withFieldPath("spec.nodeName").endFieldRef().endValueFrom().endEnv()
                        .withNewSecurityContext().withPrivileged(true).withRunAsUser(0L).endSecurityContext()
                        .addNewVolumeMount().withName("sys").withMountPath("/sys").endVolumeMount()
                        .withNewReadinessProbe().withNewHttpGet().withPath("/readyz")
                            .withPort(new IntOrString(healthPort)).endHttpGet().withPeriodSeconds(10).endReadinessProbe()
                        .withNewLivenessProbe().withNewHttpGet().withPath("/healthz")
                            .withPort(new IntOrString(healthPort)).endHttpGet().withInitialDelaySeconds(20)
                            .withPeriodSeconds(20).endLivenessProbe()
                        .withNewResources()
                            .addToRequests("cpu", new Quantity("50m"))
                            .addToRequests("memory", new Quantity("192Mi"))
                            .addToLimits("memory", new Quantity("384Mi"))
                        .endResources()
                        .build())
                    .addNewVolume().withName("sys").withNewHostPath().withPath("/sys").withType("Directory")
                        .endHostPath().endVolume()
                .endSpec()
            .endTemplate()
        .endSpec()
        .build();
  }
}
