package dev.dpf.operator.config;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import java.util.Objects;

/**
 * Process-wide options of the DPFOperatorConfig controller (flags and environment of {@code OperatorMain}).
 *
 * @param configNamespace namespace of the singleton ({@code --config-namespace}); null or empty: the operator
 *     namespace
 * @param configName name of the singleton ({@code --config-name}, default {@code dpfoperatorconfig})
 * @param bfbPvcName the claim of the BFB volume this process runs with ({@code --bfb-pvc-name}, set by the chart from
 *     {@code bfb.pvcName}); empty: the chart mounts an emptyDir; null: unknown (not checked)
 * @param agentServiceAccount ServiceAccount of the host-mode agent DaemonSet (created by the chart)
 * @param agentHealthPort port of the agent's /healthz and /readyz on the host network
 * @param version the DPF version of this operator ({@code status.version})
 * @param release images and charts of this release
 */
public record OperatorConfigOptions(
    String configNamespace,
    String configName,
    String bfbPvcName,
    String agentServiceAccount,
    int agentHealthPort,
    String version,
    ReleaseDefaults release) {

  public static final String DEFAULT_AGENT_SERVICE_ACCOUNT = "dpf-dpu-agent";
  public static final int DEFAULT_AGENT_HEALTH_PORT = 18081;

  public OperatorConfigOptions {
    configName = configName == null || configName.isEmpty() ? DPFOperatorConfig.DEFAULT_NAME : configName;
    configNamespace = configNamespace == null || configNamespace.isEmpty() ? null : configNamespace;
    Objects.requireNonNull(agentServiceAccount, "agentServiceAccount");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(release, "release");
  }

  /** Defaults: the singleton {@code <operator namespace>/dpfoperatorconfig}, the built-in release, no BFB check. */
  public static OperatorConfigOptions defaults() {
    return new OperatorConfigOptions(null, DPFOperatorConfig.DEFAULT_NAME, null, DEFAULT_AGENT_SERVICE_ACCOUNT,
        DEFAULT_AGENT_HEALTH_PORT, ReleaseDefaults.VERSION, ReleaseDefaults.builtIn());
  }

  public OperatorConfigOptions withConfig(String namespace, String name) {
    return new OperatorConfigOptions(namespace, name, bfbPvcName, agentServiceAccount, agentHealthPort, version,
        release);
  }

  public OperatorConfigOptions withBfbPvcName(String claim) {
    return new OperatorConfigOptions(configNamespace, configName, claim, agentServiceAccount, agentHealthPort, version,
        release);
  }

  public OperatorConfigOptions withVersion(String v) {
    return new OperatorConfigOptions(configNamespace, configName, bfbPvcName, agentServiceAccount, agentHealthPort, v,
        release);
  }

  public OperatorConfigOptions withRelease(ReleaseDefaults r) {
    return new OperatorConfigOptions(configNamespace, configName, bfbPvcName, agentServiceAccount, agentHealthPort,
        version, r);
  }

  /** The singleton's namespace for an operator running in {@code operatorNamespace}. */
  public String namespace(String operatorNamespace) {
    return configNamespace == null ? operatorNamespace : configNamespace;
  }
}
