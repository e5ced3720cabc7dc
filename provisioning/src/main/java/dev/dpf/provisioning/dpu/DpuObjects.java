package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.NodeEffect;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.dms.DmsAddress;
import dev.dpf.dms.DmsTimeouts;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects the DPU controller creates (reference 8.1-8.3), built without client calls: the DMS server
 * Certificate, the DMS pod and the host network pod. Every object carries a controller owner reference to its DPU.
 */
final class DpuObjects {

  static final String CERT_MANAGER_API_VERSION = "cert-manager.io/v1";
  static final String CERTIFICATE_KIND = "Certificate";
  static final String ISSUER = "dpf-provisioning-issuer";
  static final String DMS_CONTAINER = "dms";
  static final String HOSTNETWORK_CONTAINER = "hostnetwork";
  static final String COMPONENT_HOSTNETWORK = "hostnetwork";
  static final String RSHIM_MESSAGE = "rshim is installed on host which is not supported. Please remove the rshim "
      + "package from the host";
  static final String DMSD = "/opt/mellanox/doca/services/dms/dmsd";
  static final String SERVER_CERT_DIR = "/etc/ssl/certs/server";
  static final int DEFAULT_NUM_OF_VFS = 16;
  static final int DEFAULT_MTU = 1500;

  private DpuObjects() {}

  static String certificateName(DPU dpu) {
    return dpu.getMetadata().getName() + "-dms-server-cert";
  }

  static String serverSecretName(DPU dpu) {
    return dpu.getMetadata().getName() + "-server-secret";
  }

  static String dmsPodName(DPU dpu) {
    return dpu.getMetadata().getName() + "-dms";
  }

  static String hostNetworkPodName(DPU dpu) {
    return dpu.getMetadata().getName() + "-hostnetwork";
  }

  static String bfCfgVersion(DPU dpu) {
    return dpu.getMetadata().getName() + ".cfg";
  }

  /** The DMS server Certificate (8.1): IP SAN = the first address of the host Node. */
  static GenericKubernetesResource certificate(DPU dpu, String hostIp) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("secretName", serverSecretName(dpu));
    spec.put("commonName", certificateName(dpu));
    spec.put("ipAddresses", List.of(hostIp));
    spec.put("usages", List.of("server auth"));
    spec.put("duration", "24h");
    spec.put("renewBefore", "8h");
    spec.put("issuerRef", Map.of("name", ISSUER, "kind", "Issuer"));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(CERT_MANAGER_API_VERSION)
        .withKind(CERTIFICATE_KIND)
        .withMetadata(meta(dpu, certificateName(dpu), null))
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  /** The DMS command line (8.2). */
  static String dmsCommand(String pciWithoutDomain, Integer dmsTimeoutSeconds) {
    int timeout = dmsTimeoutSeconds == null || dmsTimeoutSeconds < 1 ? DmsTimeouts.DEFAULT_DMS_TIMEOUT_SECONDS
        : dmsTimeoutSeconds;
    return "./rshim.sh && " + DMSD + " -bind_address 0.0.0.0:" + DmsAddress.DEFAULT_PORT + " -v 99 -auth cert"
        + " -ca " + SERVER_CERT_DIR + "/ca.crt -tls_key_file " + SERVER_CERT_DIR + "/tls.key -tls_cert_file "
        + SERVER_CERT_DIR + "/tls.crt -password admin -username admin -image_folder /bfb -target_pci "
        + pciWithoutDomain + " -exec_timeout " + timeout + " -disable_unbind_at_activate -reboot_status_check none";
  }

  /** Init container 1: refuse a host that runs rshim for this DPU (its message becomes the termination message). */
  static String rshimPreflightScript(String pciWithoutDomain) {
    return "for dev in /dev/rshim*; do\n"
        + "  case \"$dev\" in *[0-9]) ;; *) continue ;; esac\n"
        + "  [ -e \"$dev/misc\" ] || continue\n"
        + "  echo 'DISPLAY_LEVEL 1' > \"$dev/misc\"\n"
        + "  if grep -q '" + pciWithoutDomain + "' \"$dev/misc\"; then\n"
        + "    echo '" + RSHIM_MESSAGE + "' > /dev/termination-log\n"
        + "    exit 1\n"
        + "  fi\n"
        + "done\n"
        + "exit 0\n";
  }

  /** Init container 2: the firmware fw_fatal grace period workaround on both functions and their VFs. */
  static String devlinkScript(String pciWithDomain) {
    return "for pf in " + pciWithDomain + ".0 " + pciWithDomain + ".1; do\n"
        + "  [ -e /sys/bus/pci/devices/$pf ] || continue\n"
        + "  devs=$pf\n"
        + "  for vf in /sys/bus/pci/devices/$pf/virtfn*; do\n"
        + "    [ -e \"$vf\" ] && devs=\"$devs $(basename \"$(readlink -f \"$vf\")\")\"\n"
        + "  done\n"
        + "  for dev in $devs; do\n"
        + "    devlink health set pci/$dev reporter fw_fatal grace_period 0 || true\n"
        + "    devlink health recover pci/$dev reporter fw_fatal || true\n"
        + "  done\n"
        + "done\n";
  }

  /** The DMS pod (8.2). */
  static Pod dmsPod(DPU dpu, String image, String bfbPvcName, List<String> pullSecrets, Integer dmsTimeoutSeconds) {
    String label = dpu.pciAddressLabel();
    String bdf = Pci.withoutDomain(label);
    Pod pod = new PodBuilder()
        .withMetadata(meta(dpu, dmsPodName(dpu), ProvisioningLabels.COMPONENT_DMS))
        .withSpec(base(dpu, pullSecrets)
            .addToInitContainers(new ContainerBuilder().withName("rshim-preflight").withImage(image)
                .withSecurityContext(new SecurityContextBuilder().withPrivileged(true).build())
                .withCommand("/bin/bash", "-c", rshimPreflightScript(bdf)).build())
            .addToInitContainers(new ContainerBuilder().withName("devlink-grace-period").withImage(image)
                .withSecurityContext(new SecurityContextBuilder().withPrivileged(true).build())
                .withCommand("/bin/bash", "-xc", devlinkScript(Pci.withDomain(label))).build())
            .addToContainers(new ContainerBuilder().withName(DMS_CONTAINER).withImage(image)
                .withSecurityContext(new SecurityContextBuilder().withPrivileged(true).build())
                .addNewPort().withName("dms").withContainerPort(DmsAddress.DEFAULT_PORT).withProtocol("TCP").endPort()
                .withCommand("/bin/bash", "-c", "--")
                .withArgs(dmsCommand(bdf, dmsTimeoutSeconds))
                .addToVolumeMounts(new VolumeMountBuilder().withName("server-cert").withMountPath(SERVER_CERT_DIR)
                    .withReadOnly(true).build())
                .addToVolumeMounts(new VolumeMountBuilder().withName("bfb-volume").withMountPath("/bfb").build())
                .addToVolumeMounts(new VolumeMountBuilder().withName("dev").withMountPath("/dev").build())
                .build())
            .addToVolumes(new VolumeBuilder().withName("server-cert").withNewSecret()
                .withSecretName(serverSecretName(dpu)).endSecret().build())
            .addToVolumes(new VolumeBuilder().withName("bfb-volume").withNewPersistentVolumeClaim()
                .withClaimName(bfbPvcName).endPersistentVolumeClaim().build())
            .addToVolumes(devVolume())
            .build())
        .build();
    return pod;
  }

  /** The host network pod (8.3). */
  static Pod hostNetworkPod(DPU dpu, String image, List<String> pullSecrets, int numOfVfs, int mtu) {
    String label = dpu.pciAddressLabel();
    return new PodBuilder()
        .withMetadata(meta(dpu, hostNetworkPodName(dpu), COMPONENT_HOSTNETWORK))
        .withSpec(base(dpu, pullSecrets)
            .addToContainers(new ContainerBuilder().withName(HOSTNETWORK_CONTAINER).withImage(image)
                .withSecurityContext(new SecurityContextBuilder().withPrivileged(true).build())
                .withCommand("/bin/bash", "-c", "--")
                .withArgs("hostnetwork.sh")
                .withEnv(new EnvVar("device_pci_address", Pci.withDomain(label), null),
                    new EnvVar("num_of_vfs", Integer.toString(numOfVfs), null),
                    new EnvVar("vf_mtu", Integer.toString(mtu), null))
                .withNewReadinessProbe().withNewExec().withCommand("ls", "/tmp/hostnetwork_succeed").endExec()
                  .withPeriodSeconds(5).endReadinessProbe()
                .addToVolumeMounts(new VolumeMountBuilder().withName("dev").withMountPath("/dev").build())
                .build())
            .addToVolumes(devVolume())
            .build())
        .build();
  }

  /** Host network, node pinning (DaemonSet style), tolerations and pull secrets shared by both pods. */
  private static PodSpecBuilder base(DPU dpu, List<String> pullSecrets) {
    List<LocalObjectReference> secrets = new ArrayList<>();
    for (String s : pullSecrets) {
      secrets.add(new LocalObjectReference(s));
    }
    return new PodSpecBuilder()
        .withHostNetwork(true)
        .withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
          .addNewNodeSelectorTerm().addNewMatchField().withKey("metadata.name").withOperator("In")
            .withValues(dpu.getSpec().getNodeName()).endMatchField().endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
        .withTolerations(tolerations(dpu))
        .withImagePullSecrets(secrets);
  }

  static List<Toleration> tolerations(DPU dpu) {
    List<Toleration> list = new ArrayList<>();
    list.add(exists("node.kubernetes.io/not-ready", "NoExecute"));
    list.add(exists("node.kubernetes.io/not-ready", "NoSchedule"));
    list.add(exists("node.kubernetes.io/unreachable", "NoExecute"));
    list.add(exists("node.kubernetes.io/unschedulable", "NoSchedule"));
    NodeEffect effect = dpu.getSpec().getNodeEffect();
    if (effect != null && effect.effectType() == NodeEffect.Type.TAINT) {
      Taint t = effect.getTaint();
      list.add(new TolerationBuilder().withKey(t.getKey()).withOperator("Equal").withValue(t.getValue())
          .withEffect(t.getEffect()).build());
    }
    return list;
  }

  private static Toleration exists(String key, String effect) {
    return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build();
  }

  private static io.fabric8.kubernetes.api.model.Volume devVolume() {
    return new VolumeBuilder().withName("dev").withNewHostPath().withPath("/dev").withType("Directory")
        .endHostPath().build();
  }

  private static ObjectMeta meta(DPU dpu, String name, String component) {
    ObjectMetaBuilder b = new ObjectMetaBuilder().withName(name).withNamespace(dpu.getMetadata().getNamespace())
        .withOwnerReferences(owner(dpu));
    if (component != null) {
      b.addToLabels(ProvisioningLabels.COMPONENT, component);
    }
    return b.build();
  }

  static OwnerReference owner(DPU dpu) {
    return new OwnerReferenceBuilder().withApiVersion(dpu.getApiVersion()).withKind(dpu.getKind())
        .withName(dpu.getMetadata().getName()).withUid(dpu.getMetadata().getUid()).withController(true)
        .withBlockOwnerDeletion(true).build();
  }
}
