package dev.dpf.provisioning.bfcfg;

import dev.dpf.api.provisioning.v1alpha1.ConfigFile;
import dev.dpf.api.provisioning.v1alpha1.ConfigFileOperation;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorNVConfig;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders a DPU's {@code bf.cfg} (reference 9.7): the flavor's bf.cfg parameters, then a {@code bfb_modify_os}
 * function that the BFB installer runs with the new root at {@code /mnt} and that writes the cloud-init NoCloud
 * user-data which configures the DPU on first boot and joins it to its DPU cluster. Pure: no client calls, no clock,
 * the same input always gives the same bytes.
 */
public final class BfCfgRenderer {

  /** Upstream's maximum bf.cfg size (128 KiB, since DOCA 2.8). */
  public static final int MAX_SIZE = 131072;

  static final String USER_DATA_PATH = "/mnt/var/lib/cloud/seed/nocloud-net/user-data";
  static final String HEREDOC_END = "DPF_BFCFG_EOF";

  private BfCfgRenderer() {}

  /**
   * The bf.cfg bytes (UTF-8).
   *
   * @throws BfCfgException {@code bf.cfg for <dpu> size (<n>) exceeds the maximum limit (131072)} (upstream's text)
   */
  public static byte[] render(DPUFlavorSpec flavor, BfCfgInput input) throws BfCfgException {
    byte[] bytes = renderText(flavor, input).getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_SIZE) {
      throw new BfCfgException("bf.cfg for " + input.dpuName() + " size (" + bytes.length
          + ") exceeds the maximum limit (" + MAX_SIZE + ")");
    }
    return bytes;
  }

  /** The bf.cfg text without the size check. */
  public static String renderText(DPUFlavorSpec flavor, BfCfgInput input) {
    DPUFlavorSpec spec = flavor == null ? new DPUFlavorSpec() : flavor;
    StringBuilder out = new StringBuilder();
    for (String line : spec.bfcfgHeaderLines()) {
      out.append(line).append('\n');
    }
    out.append('\n');
    out.append("bfb_modify_os()\n");
    out.append("{\n");
    out.append("mkdir -p /mnt/opt/dpf\n");
    out.append("cat > /mnt/etc/cloud/cloud.cfg.d/dpf.cfg << '").append(HEREDOC_END).append("'\n");
    out.append("network:\n");
    out.append("  config: disabled\n");
    out.append(HEREDOC_END).append('\n');
    out.append('\n');
    out.append("cp /mnt/opt/mellanox/sfc-hbn/mlnx_bf_configure_sync.service /mnt/etc/systemd/system/\n");
    out.append('\n');
    out.append("cat > ").append(USER_DATA_PATH).append(" << '").append(HEREDOC_END).append("'\n");
    out.append(userData(spec, input));
    out.append(HEREDOC_END).append('\n');
    out.append("}\n");
    return out.toString();
  }

  /** The cloud-init user-data document. */
  static String userData(DPUFlavorSpec spec, BfCfgInput input) {
    StringBuilder out = new StringBuilder();
    out.append("#cloud-config\n");
    out.append("debug:\n");
    out.append("  verbose: true\n");
    users(out, spec);
    out.append("write_files:\n");
    for (WriteFile file : writeFiles(spec, input)) {
      file.appendTo(out);
    }
    out.append("runcmd:\n");
    for (String command : runcmd(spec, input)) {
      out.append("  - ").append(command).append('\n');
    }
    return out.toString();
  }

  private static void users(StringBuilder out, DPUFlavorSpec spec) {
    out.append("users:\n");
    out.append("  - name: ubuntu\n");
    out.append("    lock_passwd: false\n");
    out.append("    groups: adm, audio, cdrom, dialout, dip, floppy, lxd, netdev, plugdev, sudo, video\n");
    out.append("    sudo: ALL=(ALL) NOPASSWD:ALL\n");
    out.append("    shell: /bin/bash\n");
    Optional<String> password = ubuntuPassword(spec);
    if (password.isPresent()) {
      out.append("    passwd: ").append(password.get()).append('\n');
    } else {
      out.append("chpasswd:\n");
      out.append("  list: |\n");
      out.append("    ubuntu:ubuntu\n");
      out.append("  expire: true\n");
    }
  }

  /**
   * The {@code ubuntu_PASSWORD} hash as a YAML scalar: trimmed, wrapped in single quotes unless it already starts
   * with one (upstream's rule); empty when absent or blank.
   */
  static Optional<String> ubuntuPassword(DPUFlavorSpec spec) {
    return spec.ubuntuPassword().map(String::trim).filter(p -> !p.isEmpty())
        .map(p -> p.startsWith("'") ? p : Yaml.quote(p));
  }

  /** A cloud-init write_files entry. */
  record WriteFile(String path, String permissions, boolean append, String content) {

    void appendTo(StringBuilder out) {
      out.append("  - path: ").append(Yaml.quote(path)).append('\n');
      if (permissions != null && !permissions.isEmpty()) {
        out.append("    permissions: ").append(Yaml.quote(permissions)).append('\n');
      }
      if (append) {
        out.append("    append: true\n");
      }
      out.append("    content: ").append(Yaml.block(content, 4));
    }
  }

  /** The write_files entries, in upstream's order (reference 9.7 table). */
  static List<WriteFile> writeFiles(DPUFlavorSpec spec, BfCfgInput input) {
    List<WriteFile> files = new ArrayList<>();
    files.add(new WriteFile("/etc/netplan/60-mlnx.yaml", "0600", false, ""));
    files.add(new WriteFile("/etc/netplan/99-dpf-comm-ch.yaml", "0600", false, Scripts.COMM_CH_NETPLAN));
    files.add(new WriteFile("/etc/netplan/98-oob-tmfifo.yaml", "0600", false, Scripts.OOB_TMFIFO_NETPLAN));
    files.add(new WriteFile("/etc/modules-load.d/br_netfilter.conf", "0644", false, "br_netfilter\n"));
    files.add(new WriteFile("/etc/sysctl.conf", "0644", true, Scripts.SYSCTL_APPEND));
    files.add(new WriteFile("/opt/dpf/configure-sfs.sh", "0755", false,
        Scripts.configureSfs(spec.nvconfigInt(DPUFlavor.NVCONFIG_PF_TOTAL_SF).orElse(0))));
    files.add(new WriteFile("/etc/systemd/system/kubelet.service.d/10-bf.conf", "0644", false,
        Scripts.KUBELET_DROP_IN));
    files.add(new WriteFile("/opt/dpf/join_k8s_cluster.sh", "0755", false, Scripts.joinScript(input.joinCommand())));
    files.add(new WriteFile("/etc/systemd/system/kubeadm-join.service", "0644", false, Scripts.KUBEADM_JOIN_SERVICE));
    files.add(new WriteFile("/etc/systemd/system/bootstrap-dpf.service", "0644", false,
        Scripts.BOOTSTRAP_DPF_SERVICE));
    files.add(new WriteFile("/etc/systemd/resolved.conf.d/01-dpf.conf", "0644", false, Scripts.RESOLVED_CONF));
    files.add(new WriteFile("/etc/NetworkManager/conf.d/90-dpf.conf", "0644", false, Scripts.NETWORK_MANAGER_CONF));
    files.add(new WriteFile("/opt/dpf/cleanup-dns.sh", "0755", false, Scripts.CLEANUP_DNS));
    String nvconfig = nvconfigParameters(spec);
    if (!nvconfig.isEmpty()) {
      files.add(new WriteFile("/opt/dpf/set-nvconfig-params.sh", "0755", false, Scripts.setNvconfig(nvconfig)));
    }
    List<String> sysctl = sysctl(spec);
    if (!sysctl.isEmpty()) {
      files.add(new WriteFile("/etc/sysctl.d/99-dpf.conf", "0644", false, String.join("\n", sysctl) + "\n"));
    }
    String kernel = kernelParameters(spec);
    if (!kernel.isEmpty()) {
      files.add(new WriteFile("/etc/default/grub.d/99-dpf.cfg", "0644", false,
          "GRUB_CMDLINE_LINUX=\"" + kernel + "\"\n"));
    }
    if (spec.getConfigFiles() != null) {
      for (ConfigFile file : spec.getConfigFiles()) {
        if (file == null || file.getPath() == null || file.getPath().isEmpty()) {
          continue;
        }
        files.add(new WriteFile(file.getPath(), file.getPermissions(),
            file.getOperation() == ConfigFileOperation.APPEND, file.getRaw()));
      }
    }
    String ovs = ovsScript(spec);
    if (!ovs.isEmpty()) {
      files.add(new WriteFile("/opt/dpf/ovs.sh", "0755", false, Scripts.ovs(ovs)));
    }
    if (!kernel.isEmpty() || !sysctl.isEmpty()) {
      files.add(new WriteFile("/opt/dpf/restart.sh", "0755", false, Scripts.restart(input.additionalReboot())));
    }
    String registry = registryEndpoint(spec);
    if (!registry.isEmpty()) {
      files.add(new WriteFile("/opt/dpf/config_containerd.sh", "0755", false, Scripts.configContainerd(registry)));
    }
    files.add(new WriteFile("/opt/dpf/remove-90-kubelet-bluefield.sh", "0755", false, Scripts.REMOVE_KUBELET_DROP_IN));
    return files;
  }

  /** The runcmd commands, in upstream's order. */
  static List<String> runcmd(DPUFlavorSpec spec, BfCfgInput input) {
    List<String> commands = new ArrayList<>();
    commands.add("[ hostnamectl, set-hostname, " + Yaml.quote(input.dpuName()) + " ]");
    commands.add("modprobe br_netfilter");
    commands.add("sysctl -p");
    commands.add("systemctl stop kubelet");
    commands.add("/opt/dpf/remove-90-kubelet-bluefield.sh");
    commands.add("/opt/dpf/cleanup-dns.sh");
    commands.add("systemctl daemon-reload");
    commands.add("systemctl enable containerd");
    commands.add("systemctl start containerd");
    commands.add("systemctl enable bootstrap-dpf.service");
    commands.add("systemctl enable kubeadm-join.service");
    commands.add("systemctl enable mlnx_bf_configure_sync.service");
    if (!nvconfigParameters(spec).isEmpty()) {
      commands.add("/opt/dpf/set-nvconfig-params.sh");
    }
    if (!ovsScript(spec).isEmpty()) {
      commands.add("/opt/dpf/ovs.sh");
    }
    if (!registryEndpoint(spec).isEmpty()) {
      commands.add("/opt/dpf/config_containerd.sh");
      commands.add("systemctl restart containerd");
    }
    if (!kernelParameters(spec).isEmpty() || !sysctl(spec).isEmpty()) {
      commands.add("/opt/dpf/restart.sh");
    }
    return commands;
  }

  /** All nvconfig parameters joined with spaces (v24.10 allows one nvconfig element, for all devices). */
  static String nvconfigParameters(DPUFlavorSpec spec) {
    List<String> parameters = new ArrayList<>();
    if (spec.getNvconfig() != null) {
      for (DPUFlavorNVConfig entry : spec.getNvconfig()) {
        if (entry != null && entry.getParameters() != null) {
          parameters.addAll(entry.getParameters());
        }
      }
    }
    return String.join(" ", parameters).trim();
  }

  static List<String> sysctl(DPUFlavorSpec spec) {
    return spec.getSysctl() == null || spec.getSysctl().getParameters() == null
        ? List.of() : spec.getSysctl().getParameters();
  }

  static String kernelParameters(DPUFlavorSpec spec) {
    return spec.getGrub() == null || spec.getGrub().getKernelParameters() == null
        ? "" : String.join(" ", spec.getGrub().getKernelParameters()).trim();
  }

  static String ovsScript(DPUFlavorSpec spec) {
    return spec.getOvs() == null || spec.getOvs().getRawConfigScript() == null
        ? "" : spec.getOvs().getRawConfigScript();
  }

  static String registryEndpoint(DPUFlavorSpec spec) {
    return spec.getContainerdConfig() == null || spec.getContainerdConfig().getRegistryEndpoint() == null
        ? "" : spec.getContainerdConfig().getRegistryEndpoint().trim();
  }
}
