package dev.dpf.provisioning.bfcfg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dpf.api.provisioning.v1alpha1.ConfigFile;
import dev.dpf.api.provisioning.v1alpha1.ConfigFileOperation;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavor;
import dev.dpf.api.provisioning.v1alpha1.DPUFlavorSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files of the bf.cfg renderer: every folder under {@code src/test/resources/bfcfg/} holds a DPUFlavor
 * ({@code flavor.yaml}), the per-DPU input ({@code input.yaml}: dpuName, joinCommand, dpuAnnotations,
 * nodeAnnotations) and the expected {@code bf.cfg}. Run with {@code -Ddpf.updateGoldens=true} to rewrite the
 * expected files after an intended change (and review the diff). Besides the byte comparison, every case is checked
 * for what the DPU will see: the user-data parses as YAML with exactly the flavor's file contents, and every shell
 * script passes {@code bash -n}.
 */
class BfCfgGoldenTest {

  static final Path DIR = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/bfcfg");
  static final boolean UPDATE = Boolean.getBoolean("dpf.updateGoldens");
  static final YAMLMapper YAML = new YAMLMapper();

  @TestFactory
  Stream<DynamicTest> goldenFiles() throws IOException {
    return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  @Test
  void atLeastEightCases() throws IOException {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(8);
  }

  static List<Path> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(DIR)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  static void check(Path dir) throws Exception {
    DPUFlavor flavor = Serialization.unmarshal(Files.readString(dir.resolve("flavor.yaml")), DPUFlavor.class);
    JsonNode in = YAML.readTree(dir.resolve("input.yaml").toFile());
    BfCfgInput input = BfCfgInput.forDpu(in.path("dpuName").asText(), in.path("joinCommand").asText(),
        stringMap(in.path("dpuAnnotations")), stringMap(in.path("nodeAnnotations")));
    String rendered = new String(BfCfgRenderer.render(flavor.getSpec(), input), StandardCharsets.UTF_8);
    Path golden = dir.resolve("bf.cfg");
    if (UPDATE) {
      Files.writeString(golden, rendered, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), rendered,
        "bf.cfg of " + dir.getFileName() + " differs from the golden file (-Ddpf.updateGoldens=true rewrites it)");
    checkSemantics(flavor.getSpec(), input, rendered);
  }

  /** What the DPU sees, independent of formatting. */
  static void checkSemantics(DPUFlavorSpec spec, BfCfgInput input, String bfcfg) throws Exception {
    List<String> lines = bfcfg.lines().toList();
    List<String> header = spec.bfcfgHeaderLines();
    assertThat(lines.subList(0, header.size())).containsExactlyElementsOf(header);
    assertThat(bfcfg).doesNotContain("ubuntu_PASSWORD");
    bashSyntax(bfcfg);

    JsonNode userData = YAML.readTree(userData(bfcfg));
    assertThat(userData.path("debug").path("verbose").asBoolean()).isTrue();
    JsonNode ubuntu = userData.path("users").get(0);
    assertThat(ubuntu.path("name").asText()).isEqualTo("ubuntu");
    assertThat(ubuntu.path("lock_passwd").asBoolean(true)).isFalse();
    assertThat(ubuntu.path("sudo").asText()).isEqualTo("ALL=(ALL) NOPASSWD:ALL");
    if (spec.ubuntuPassword().map(String::trim).filter(p -> !p.isEmpty()).isPresent()) {
      assertThat(ubuntu.path("passwd").asText()).startsWith("$6$").doesNotContain("'");
      assertThat(userData.has("chpasswd")).isFalse();
    } else {
      assertThat(userData.path("chpasswd").path("list").asText()).isEqualTo("ubuntu:ubuntu\n");
      assertThat(userData.path("chpasswd").path("expire").asBoolean()).isTrue();
    }

    Map<String, JsonNode> files = new LinkedHashMap<>();
    userData.path("write_files").forEach(f -> files.put(f.path("path").asText(), f));
    assertThat(new ArrayList<>(files.keySet()).subList(0, 13)).containsExactly("/etc/netplan/60-mlnx.yaml",
        "/etc/netplan/99-dpf-comm-ch.yaml", "/etc/netplan/98-oob-tmfifo.yaml", "/etc/modules-load.d/br_netfilter.conf",
        "/etc/sysctl.conf", "/opt/dpf/configure-sfs.sh", "/etc/systemd/system/kubelet.service.d/10-bf.conf",
        "/opt/dpf/join_k8s_cluster.sh", "/etc/systemd/system/kubeadm-join.service",
        "/etc/systemd/system/bootstrap-dpf.service", "/etc/systemd/resolved.conf.d/01-dpf.conf",
        "/etc/NetworkManager/conf.d/90-dpf.conf", "/opt/dpf/cleanup-dns.sh");
    assertThat(files.keySet()).last().isEqualTo("/opt/dpf/remove-90-kubelet-bluefield.sh");
    assertThat(files.get("/etc/sysctl.conf").path("append").asBoolean()).isTrue();
    assertThat(YAML.readTree(content(files, "/etc/netplan/99-dpf-comm-ch.yaml")).at("/network/bridges/br-comm-ch"
        + "/interfaces/0").asText()).isEqualTo("pf0vf0");
    assertThat(content(files, "/opt/dpf/join_k8s_cluster.sh")).contains("    if " + input.joinCommand() + "; then\n");
    assertThat(content(files, "/opt/dpf/configure-sfs.sh"))
        .contains("PF_TOTAL_SF=" + spec.nvconfigInt(DPUFlavor.NVCONFIG_PF_TOTAL_SF).orElse(0) + "\n");
    for (ConfigFile file : spec.getConfigFiles() == null ? List.<ConfigFile>of() : spec.getConfigFiles()) {
      JsonNode entry = files.get(file.getPath());
      assertThat(entry).as(file.getPath()).isNotNull();
      assertThat(entry.path("content").asText()).isEqualTo(file.getRaw() == null ? "" : file.getRaw());
      assertThat(entry.path("append").asBoolean()).isEqualTo(file.getOperation() == ConfigFileOperation.APPEND);
      assertThat(entry.path("permissions").isMissingNode() ? null : entry.path("permissions").asText())
          .isEqualTo(file.getPermissions());
    }
    boolean grubOrSysctl = !BfCfgRenderer.kernelParameters(spec).isEmpty() || !BfCfgRenderer.sysctl(spec).isEmpty();
    assertThat(files.containsKey("/opt/dpf/restart.sh")).isEqualTo(grubOrSysctl);
    if (grubOrSysctl) {
      assertThat(content(files, "/opt/dpf/restart.sh").contains("\nreboot\n")).isEqualTo(input.additionalReboot());
    }
    if (!BfCfgRenderer.ovsScript(spec).isEmpty()) {
      assertThat(content(files, "/opt/dpf/ovs.sh"))
          .isEqualTo("#!/bin/bash\nset -e\n" + spec.getOvs().getRawConfigScript());
    }
    for (Map.Entry<String, JsonNode> file : files.entrySet()) {
      if (file.getKey().endsWith(".sh")) {
        bashSyntax(file.getValue().path("content").asText());
      }
    }

    List<String> runcmd = new ArrayList<>();
    userData.path("runcmd").forEach(c -> runcmd.add(c.isArray() ? join(c) : c.asText()));
    assertThat(runcmd.get(0)).isEqualTo("hostnamectl set-hostname " + input.dpuName());
    assertThat(runcmd.subList(1, 12)).containsExactly("modprobe br_netfilter", "sysctl -p", "systemctl stop kubelet",
        "/opt/dpf/remove-90-kubelet-bluefield.sh", "/opt/dpf/cleanup-dns.sh", "systemctl daemon-reload",
        "systemctl enable containerd", "systemctl start containerd", "systemctl enable bootstrap-dpf.service",
        "systemctl enable kubeadm-join.service", "systemctl enable mlnx_bf_configure_sync.service");
    assertThat(runcmd.contains("/opt/dpf/restart.sh")).isEqualTo(grubOrSysctl);
  }

  static String userData(String bfcfg) {
    String start = "cat > " + BfCfgRenderer.USER_DATA_PATH + " << '" + BfCfgRenderer.HEREDOC_END + "'\n";
    int from = bfcfg.indexOf(start) + start.length();
    int to = bfcfg.indexOf("\n" + BfCfgRenderer.HEREDOC_END + "\n", from);
    assertThat(from).isGreaterThan(start.length() - 1);
    assertThat(to).isGreaterThan(from);
    return bfcfg.substring(from, to + 1);
  }

  static String content(Map<String, JsonNode> files, String path) {
    assertThat(files).containsKey(path);
    return files.get(path).path("content").asText();
  }

  static String join(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(p -> parts.add(p.asText()));
    return String.join(" ", parts);
  }

  static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  static void bashSyntax(String script) throws Exception {
    Process bash = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
    bash.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
    bash.getOutputStream().close();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as("bash -n: " + output + "\n" + script).isZero();
  }
}
