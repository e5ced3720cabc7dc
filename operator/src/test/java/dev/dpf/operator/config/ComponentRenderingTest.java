package dev.dpf.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.operator.v1alpha1.OperatorLabels;
import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.api.provisioning.v1alpha1.DPUStatus;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.common.runtime.DpfRuntimeConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts: ApplySet ids, chart and image parsing, the generated DPUServices and DaemonSet, variables. */
class ComponentRenderingTest {

  static final KubernetesSerialization YAML = new KubernetesSerialization();

  /** Reference A.4, verbatim. */
  static final String A4 = """
      apiVersion: operator.dpu.nvidia.com/v1alpha1
      kind: DPFOperatorConfig
      metadata: {name: dpfoperatorconfig, namespace: dpf-operator-system}
      spec:
        imagePullSecrets: [dpf-pull-secret]
        provisioningController: {bfbPVCName: bfb-pvc, dmsTimeout: 900}
        staticClusterManager: {}            # enable (disabled by default)
        kamajiClusterManager: {disable: true}
        networking: {controlPlaneMTU: 1500, highSpeedMTU: 9000}
        sfcController: {image: registry.example.com/dpf-system:v24.10.1}
      """;

  static DPFOperatorConfig a4() {
    return YAML.unmarshal(A4, DPFOperatorConfig.class);
  }

  @Test
  void applySetIdsMatchTheReference() {
    assertThat(ApplySets.id("sfc-controller", "dpf-operator-system"))
        .isEqualTo("applyset-giUT7BBiy-vcCuRn8vwNrxfzuAan7d-i2UA7deeELEE-v1");
    assertThat(ApplySets.id("flannel", "dpf-operator-system"))
        .isEqualTo("applyset-etbIKuCscqPMgJqpBO5xuSfk6-CHIUdXylQ1tQVZ5KE-v1");
    assertThat(ApplySets.entry("DPUService", "svc.dpu.nvidia.com", "sfc-controller", "dpf-operator-system"))
        .isEqualTo("DPUService.svc.dpu.nvidia.com/sfc-controller.dpf-operator-system");
    assertThat(ApplySets.inventory(List.of("b.x/n.ns", "Deployment.apps/dpuservice-controller-manager.ns", "a./n.ns")))
        .isEqualTo("Deployment.apps/dpuservice-controller-manager.ns,a./n.ns,b.x/n.ns");
    ApplySets.Entry e = ApplySets.Entry.parse("DaemonSet.apps/dpf.dpu.agent.ns1");
    assertThat(e).isEqualTo(new ApplySets.Entry("DaemonSet", "apps", "dpf.dpu.agent", "ns1"));
    assertThat(ApplySets.Entry.parse("ClusterRole.rbac.authorization.k8s.io/x.").namespace()).isNull();
    assertThat(ApplySets.Entry.parse("Secret./s.ns").group()).isEmpty();
  }

  @Test
  void helmChartStringsSplitAtTheLastColonThenTheLastSlash() {
    assertThat(HelmChartSource.parse("oci://ghcr.io/nvidia/dpu-networking:v24.10.0"))
        .isEqualTo(new HelmChartSource("oci://ghcr.io/nvidia", "dpu-networking", "v24.10.0"));
    assertThat(HelmChartSource.parse("https://helm.example.com:8443/charts/x:1.2.3"))
        .isEqualTo(new HelmChartSource("https://helm.example.com:8443/charts", "x", "1.2.3"));
    for (String bad : List.of("oci://ghcr.io/nvidia/dpu-networking", "http://x/y:1", "oci://x:1", "oci://a/b:",
        "oci://host:5000/chart")) {
      assertThatThrownBy(() -> HelmChartSource.parse(bad))
          .hasMessage("failed to parse helm chart source: invalid format " + bad);
    }
  }

  @Test
  void imagesSplitAtTheLastColonAfterTheLastSlash() {
    assertThat(ImageReference.parse("registry.example.com/dpf-system:v24.10.1"))
        .isEqualTo(new ImageReference("registry.example.com/dpf-system", "v24.10.1"));
    assertThat(ImageReference.parse("registry:5000/dpf/dpf-system:v1"))
        .isEqualTo(new ImageReference("registry:5000/dpf/dpf-system", "v1"));
    assertThat(ImageReference.parse("r/x:v1@sha256:" + "a".repeat(64)).toString())
        .isEqualTo("r/x:v1@sha256:" + "a".repeat(64));
    for (String bad : List.of("registry:5000/dpf-system", "dpf-system", "r/x@sha256:" + "a".repeat(64))) {
      assertThatThrownBy(() -> ImageReference.parse(bad)).hasMessage(
          "image must be in the format 'image:tag' and must always contain a colon. input: " + bad);
    }
  }

  @Test
  void runtimeSnapshotFollowsTheReferenceDefaults() {
    DpfRuntimeConfig s = DpfRuntimeConfig.of(a4());
    assertThat(s.source()).isEqualTo("dpf-operator-system/dpfoperatorconfig");
    assertThat(s.staticClusterManagerEnabled()).isTrue();
    assertThat(s.kamajiClusterManagerEnabled()).isFalse();
    assertThat(s.provisioningControllerEnabled()).isTrue();
    assertThat(s.dmsTimeoutSeconds()).isEqualTo(900);
    assertThat(s.bfbPvcName()).isEqualTo("bfb-pvc");
    assertThat(s.highSpeedMtu()).isEqualTo(9000);
    assertThat(s.controlPlaneMtu()).isEqualTo(1500);
    assertThat(s.imagePullSecrets()).containsExactly("dpf-pull-secret");
    assertThat(s.imageOverride(OperatorLabels.SFC_CONTROLLER)).contains("registry.example.com/dpf-system:v24.10.1");
    assertThat(s.argoCdNamespace()).isEqualTo("dpf-operator-system");
    assertThat(s.dpuReadyTaintsDisabled()).isFalse();

    DpfRuntimeConfig none = DpfRuntimeConfig.defaults();
    assertThat(none.known()).isFalse();
    assertThat(none.staticClusterManagerEnabled()).isFalse();
    assertThat(none.kamajiClusterManagerEnabled()).isTrue();

    DPFOperatorConfig minimal = YAML.unmarshal("""
        apiVersion: operator.dpu.nvidia.com/v1alpha1
        kind: DPFOperatorConfig
        metadata: {name: c, namespace: n}
        spec:
          provisioningController: {bfbPVCName: p}
          dpuServiceController: {disableDPUReadyTaints: true}
          staticClusterManager: {disable: true}
          overrides: {argoCDNamespace: argocd}
        """, DPFOperatorConfig.class);
    DpfRuntimeConfig m = DpfRuntimeConfig.of(minimal);
    assertThat(m.staticClusterManagerEnabled()).isFalse();
    assertThat(m.dpuReadyTaintsDisabled()).isTrue();
    assertThat(m.highSpeedMtu()).isEqualTo(1500);
    assertThat(m.dmsTimeoutSeconds()).isNull();
    assertThat(m.argoCdNamespace()).isEqualTo("argocd");
  }

  @Test
  void systemDpuServicesOfTheReferenceExample() {
    Variables v = Variables.of(a4(), ReleaseDefaults.builtIn());
    ReleaseDefaults r = ReleaseDefaults.builtIn();
    DPUService sfc = SystemDpuServices.build(OperatorLabels.SFC_CONTROLLER, v);
    assertThat(sfc.getMetadata().getName()).isEqualTo("sfc-controller");
    assertThat(sfc.getMetadata().getNamespace()).isEqualTo("dpf-operator-system");
    assertThat(sfc.getMetadata().getLabels()).containsEntry("dpu.nvidia.com/component", "sfc-controller");
    HelmChartSource agentChart = HelmChartSource.parse(r.dpuAgentHelmChart());
    assertThat(sfc.getSpec().getHelmChart().getSource().getRepoURL()).isEqualTo(agentChart.repoURL());
    assertThat(sfc.getSpec().getHelmChart().getSource().getChart()).isEqualTo("dpf-dpu-agent");
    assertThat(YAML.asYaml(sfc.getSpec().getHelmChart().getValues())).isEqualTo("""
        ---
        sfc-controller:
          enabled: true
          imagePullSecrets:
          - name: "dpf-pull-secret"
          controllerManager:
            manager:
              image:
                repository: "registry.example.com/dpf-system"
                tag: "v24.10.1"
              args:
              - "--mode=dpu"
        """);

    DPUService flannel = SystemDpuServices.build(OperatorLabels.FLANNEL, v);
    assertThat(flannel.getSpec().getHelmChart().getSource().getRepoURL()).isEqualTo("oci://ghcr.io/nvidia");
    assertThat(flannel.getSpec().getHelmChart().getSource().getChart()).isEqualTo("dpu-networking");
    assertThat(flannel.getSpec().getHelmChart().getSource().getVersion()).isEqualTo("v24.10.0");
    assertThat(flannel.getSpec().getHelmChart().getValues()).isEqualTo(Map.of("flannel", Map.of("enabled", true,
        "imagePullSecrets", List.of(Map.of("name", "dpf-pull-secret")), "flannel", Map.of("mtu", "1500"))));

    Map<String, Object> image = Map.of("repository", "ghcr.io/k8snetworkplumbingwg/multus-cni", "tag", "v3.9.3");
    assertThat(SystemDpuServices.build(OperatorLabels.MULTUS, v).getSpec().getHelmChart().getValues())
        .isEqualTo(Map.of("multus", Map.of("enabled", true,
            "imagePullSecrets", List.of(Map.of("name", "dpf-pull-secret")),
            "kubeMultusDs", Map.of("installMultusBinary", Map.of("image", image), "kubeMultus", Map.of("image", image)),
            "mtu", "9000")));
    Map<String, Object> ovsCni = Map.of("repository", "nvcr.io/nvidia/doca/ovs-cni-plugin", "tag", "v24.10.0");
    assertThat(values(v, OperatorLabels.OVS_CNI)).containsEntry("arm64", Map.of(
        "ovsCniMarker", Map.of("image", ovsCni), "ovsCniPlugin", Map.of("image", ovsCni)));
    Map<String, Object> system = Map.of("repository", "nvcr.io/nvidia/doca/dpf-system", "tag", "v24.10.0");
    assertThat(values(v, OperatorLabels.OVS_HELPER)).containsEntry("ovsHelper", Map.of("image", system));
    assertThat(values(v, OperatorLabels.SERVICECHAINSET_CONTROLLER)).containsEntry("controllerManager",
        Map.of("manager", Map.of("image", system), "replicas", 0));
    assertThat(values(v, OperatorLabels.SRIOV_DEVICE_PLUGIN)).containsEntry("kubeSriovDevicePlugin",
        Map.of("kubeSriovdp", Map.of("image", Map.of("repository",
            "ghcr.io/k8snetworkplumbingwg/sriov-network-device-plugin", "tag", "v3.6.2"))));
    assertThat(values(v, OperatorLabels.NVIDIA_K8S_IPAM)).containsEntry("nvIpam", Map.of("image",
        Map.of("repository", "ghcr.io/mellanox/nvidia-k8s-ipam", "tag", "v0.2.0")));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> values(Variables v, String component) {
    return (Map<String, Object>) SystemDpuServices.build(component, v).getSpec().getHelmChart().getValues()
        .get(component);
  }

  @Test
  void overridesReachTheValuesAndBadOverridesAreReported() {
    DPFOperatorConfig c = YAML.unmarshal("""
        apiVersion: operator.dpu.nvidia.com/v1alpha1
        kind: DPFOperatorConfig
        metadata: {name: c, namespace: n}
        spec:
          provisioningController: {bfbPVCName: p, image: "x/y:1"}
          flannel: {podCIDR: 10.244.0.0/16, helmChart: "oci://registry:5000/charts/flannel:2.0"}
          multus: {image: "registry:5000/multus"}
          overrides: {flannelSkipCNIConfigInstallation: true, dpuOpenvSwitchRunPath: /run/ovs,
                      kubernetesAPIServerVIP: 10.0.0.1, kubernetesAPIServerPort: 6443, dpuCNIPath: /x}
          deploymentMode: host-trusted
        """, DPFOperatorConfig.class);
    Variables v = Variables.of(c, ReleaseDefaults.builtIn());
    DPUService flannel = SystemDpuServices.build(OperatorLabels.FLANNEL, v);
    assertThat(flannel.getSpec().getHelmChart().getSource().getRepoURL()).isEqualTo("oci://registry:5000/charts");
    assertThat(values(v, OperatorLabels.FLANNEL)).containsEntry("podCidr", "10.244.0.0/16")
        .containsEntry("flannel", Map.of("mtu", "1500", "skipCNIConfigInstallation", true))
        .doesNotContainKey("imagePullSecrets");
    assertThat(values(v, OperatorLabels.SFC_CONTROLLER))
        .containsEntry("hostPaths", Map.of("openvswitchRun", "/run/ovs"))
        .containsEntry("kubernetesAPIServer", Map.of("host", "10.0.0.1", "port", "6443"));
    assertThatThrownBy(() -> ComponentManifests.desired(OperatorLabels.MULTUS, v, OperatorConfigOptions.defaults()))
        .hasMessageContaining("input: registry:5000/multus");
    assertThat(ComponentManifests.ignoredFields(c.getSpec())).containsExactly(
        "spec.provisioningController.image has no effect: the component runs inside the operator process",
        "spec.deploymentMode has no effect: only the v24.10 provisioning flow is implemented",
        "spec.overrides.dpuCNIBinPath/dpuCNIPath have no effect: the v24.10 CNI charts use their own paths");
  }

  @Test
  void componentsOfTheInventory() {
    Variables v = Variables.of(a4(), ReleaseDefaults.builtIn());
    OperatorConfigOptions o = OperatorConfigOptions.defaults();
    assertThat(ComponentManifests.desired(OperatorLabels.PROVISIONING_CONTROLLER, v, o)).singleElement()
        .isInstanceOf(DaemonSet.class);
    for (String inProcess : List.of(OperatorLabels.DPUSERVICE_CONTROLLER, OperatorLabels.STATIC_CLUSTER_MANAGER,
        OperatorLabels.DPUDETECTOR, OperatorLabels.KAMAJI_CLUSTER_MANAGER)) {
      assertThat(ComponentManifests.desired(inProcess, v, o)).isEmpty();
    }
    for (String dpuSide : OperatorLabels.DPUSERVICE_COMPONENTS) {
      assertThat(ComponentManifests.desired(dpuSide, v, o)).singleElement().isInstanceOf(DPUService.class);
    }
  }

  @Test
  void hostAgentDaemonSet() {
    DaemonSet ds = HostAgent.build("dpf-operator-system", "ghcr.io/dpf-java/dpf-dpu-agent:1.0", List.of("pull"),
        "dpf-dpu-agent", 18081);
    assertThat(ds.getMetadata().getLabels()).containsEntry("dpu.nvidia.com/component", "provisioning-controller");
    var pod = ds.getSpec().getTemplate().getSpec();
    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(pod.getServiceAccountName()).isEqualTo("dpf-dpu-agent");
    assertThat(pod.getNodeSelector()).containsExactly(Map.entry("feature.node.kubernetes.io/dpu-enabled", "true"));
    assertThat(pod.getImagePullSecrets()).extracting("name").containsExactly("pull");
    var c = pod.getContainers().get(0);
    assertThat(c.getArgs()).contains("--mode=host", "--dpfoperatorconfig-namespace=dpf-operator-system");
    assertThat(c.getEnv().get(0).getName()).isEqualTo("NODE_NAME");
    assertThat(c.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
    assertThat(c.getSecurityContext().getPrivileged()).isTrue();
    assertThat(c.getVolumeMounts()).extracting("mountPath").containsExactly("/sys");
  }

  @Test
  void bfbVolumeMustMatchTheOperatorsClaim() {
    Variables v = Variables.of(a4(), ReleaseDefaults.builtIn());
    OperatorConfigOptions o = OperatorConfigOptions.defaults();
    assertThat(ComponentManifests.bfbVolumeMismatch(v, o)).isEmpty();
    assertThat(ComponentManifests.bfbVolumeMismatch(v, o.withBfbPvcName("bfb-pvc"))).isEmpty();
    assertThat(ComponentManifests.bfbVolumeMismatch(v, o.withBfbPvcName("other"))).contains(
        "spec.provisioningController.bfbPVCName is \"bfb-pvc\" but the operator runs with the BFB volume claim "
            + "\"other\" (chart value bfb.pvcName): BFB files and DMS pods would use different volumes; make them "
            + "equal");
    assertThat(ComponentManifests.bfbVolumeMismatch(v, o.withBfbPvcName("")).orElseThrow())
        .contains("the operator's BFB volume is an emptyDir");
  }

  @Test
  void readinessRules() {
    DaemonSet ds = new DaemonSetBuilder().withNewMetadata().withName("a").withGeneration(2L).endMetadata()
        .withNewStatus().withObservedGeneration(2L).withDesiredNumberScheduled(2).withNumberReady(1)
        .withUpdatedNumberScheduled(2).endStatus().build();
    assertThat(ComponentReadiness.daemonSet("ns", "a", ds)).contains("DaemonSet ns/a has 1 numberReady, want 2");
    ds.getStatus().setNumberReady(2);
    assertThat(ComponentReadiness.daemonSet("ns", "a", ds)).isEmpty();
    ds.getStatus().setObservedGeneration(1L);
    assertThat(ComponentReadiness.daemonSet("ns", "a", ds)).contains("DaemonSet ns/a has not been observed yet");
    assertThat(ComponentReadiness.daemonSet("ns", "a", null)).contains("DaemonSet ns/a does not exist");

    DPU dpu = new DPU();
    dpu.setMetadata(new ObjectMetaBuilder().withName("dpu-1").build());
    dpu.setStatus(new DPUStatus());
    dpu.getStatus().setPhase(DPUPhase.OS_INSTALLING);
    assertThat(ComponentReadiness.upgradeValidation(List.of("multus: DPUService n/multus is not ready"), List.of(dpu)))
        .contains("Validation must pass for DPF upgrade to continue:\nSystem Components:\n  multus: DPUService "
            + "n/multus is not ready\nDPU State:\n  DPU dpu-1 is not ready");
    dpu.getStatus().setPhase(DPUPhase.ERROR);
    assertThat(ComponentReadiness.upgradeValidation(List.of(), List.of(dpu))).isEmpty();
  }

  @Test
  void goFormats() {
    assertThat(Uninstall.gvk(dev.dpf.api.svc.v1alpha1.DPUDeployment.class))
        .isEqualTo("svc.dpu.nvidia.com/v1alpha1, Kind=DPUDeployment");
    assertThat(Uninstall.aggregate(List.of("a"))).isEqualTo("a");
    assertThat(Uninstall.aggregate(List.of("a", "b"))).isEqualTo("[a, b]");
  }

  @Test
  void releaseDefaultsAreValidAndOverridable() {
    ReleaseDefaults.builtIn().validate();
    ReleaseDefaults env = ReleaseDefaults.fromEnvironment(Map.of("DPF_AGENT_IMAGE", "r:5000/agent:2",
        "DPF_MULTUS_IMAGE", " "));
    assertThat(env.agentImage()).isEqualTo("r:5000/agent:2");
    assertThat(env.multusImage()).isEqualTo(ReleaseDefaults.builtIn().multusImage());
    assertThatThrownBy(() -> ReleaseDefaults.fromEnvironment(Map.of("DPF_DPU_NETWORKING_HELM_CHART", "x")).validate())
        .hasMessageContaining("DPF_DPU_NETWORKING_HELM_CHART: failed to parse helm chart source: invalid format x");
  }
}
