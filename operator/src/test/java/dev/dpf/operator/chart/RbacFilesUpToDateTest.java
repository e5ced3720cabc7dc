package dev.dpf.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.common.rbac.RbacRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The RBAC rules shipped in the Helm chart and config/rbac equal what the code's {@code @Rbac} annotations ask for.
 * With {@code -Ddpf.updateRbac=true} (hack/update-rbac.sh) the test rewrites them instead.
 */
class RbacFilesUpToDateTest {

  static final Path ROOT = Path.of(System.getProperty("dpf.root", "..")).toAbsolutePath().normalize();
  static final String HEADER = "# Generated from the @Rbac annotations of the code. Do not edit; run hack/update-rbac.sh.\n";

  /** The operator's rules: every annotated class except the node agent's. */
  static String operatorRules() {
    return RbacRules.toYaml(RbacRules.scan(RbacFilesUpToDateTest.class.getClassLoader(), "dev.dpf",
        Set.of("dev.dpf.agent.")));
  }

  /** The node agent's rules. */
  static String agentRules() {
    return RbacRules.toYaml(RbacRules.scan(RbacFilesUpToDateTest.class.getClassLoader(), "dev.dpf.agent", Set.of()));
  }

  @Test
  void chartAndConfigRbacMatchTheCode() throws IOException {
    String operator = operatorRules();
    String agent = agentRules();
    assertThat(operator).contains("bfbs");
    check(ROOT.resolve("charts/dpf-operator/files/operator-rules.yaml"), HEADER + operator);
    check(ROOT.resolve("charts/dpf-operator/files/agent-rules.yaml"), HEADER + (agent.isEmpty() ? "[]\n" : agent));
    check(ROOT.resolve("config/rbac/operator-role.yaml"), HEADER + clusterRole("dpf-operator", operator));
    check(ROOT.resolve("config/rbac/agent-role.yaml"), HEADER + clusterRole("dpf-dpu-agent", agent));
  }

  static String clusterRole(String name, String rules) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: " + name + "\nrules:\n"
        + (rules.isEmpty() ? "[]\n" : rules);
  }

  private static void check(Path file, String expected) throws IOException {
    if (Boolean.getBoolean("dpf.updateRbac")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected);
    }
    assertThat(Files.exists(file) ? Files.readString(file) : "")
        .as("%s is stale: run hack/update-rbac.sh and commit the result", ROOT.relativize(file))
        .isEqualTo(expected);
  }

}
