package dev.dpf.dpfctl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.dpfctl.source.Kubeconfig.Origin;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

  @TempDir
  Path dir;

  private final Map<String, String> env = new HashMap<>();
  private Path home;
  private Path token;

  @BeforeEach
  void setUp() throws IOException {
    home = Files.createDirectories(dir.resolve("home"));
    token = dir.resolve("token");
  }

  private Kubeconfig kubeconfig() {
    return new Kubeconfig(env::get, home, token);
  }

  private Path file(String name, String... contexts) throws IOException {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: "
        + "{server: 'https://127.0.0.1:6443'}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n");
    for (String context : contexts) {
      yaml.append("- name: ").append(context).append("\n  context: {cluster: c, user: u}\n");
    }
    yaml.append("current-context: ").append(contexts[0]).append('\n');
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, yaml);
  }

  @Test
  void flagComesFirst() throws IOException {
    Path flag = file("flag.yaml", "a");
    env.put("KUBECONFIG", file("env.yaml", "b").toString());
    assertThat(kubeconfig().choose(flag.toString(), null)).isEqualTo(new Kubeconfig.Choice(Origin.FLAG, flag, null));
  }

  @Test
  void thenKubeconfigVariableWithTheFirstExistingFileOrTheOneWithTheContext() throws IOException {
    Path first = file("first.yaml", "a");
    Path second = file("second.yaml", "b");
    env.put("KUBECONFIG", dir.resolve("missing.yaml") + File.pathSeparator + first + File.pathSeparator + second);
    env.put("KUBERNETES_SERVICE_HOST", "10.0.0.1");
    env.put("KUBERNETES_SERVICE_PORT", "443");
    Files.writeString(token, "t");
    assertThat(kubeconfig().choose(null, null)).isEqualTo(new Kubeconfig.Choice(Origin.KUBECONFIG_ENV, first, null));
    assertThat(kubeconfig().choose(null, "b")).isEqualTo(new Kubeconfig.Choice(Origin.KUBECONFIG_ENV, second, "b"));
    assertThatThrownBy(() -> kubeconfig().choose(null, "c")).hasMessage("context \"c\" does not exist");
  }

  @Test
  void thenInClusterThenHome() throws IOException {
    Path homeConfig = file("home/.kube/config", "h");
    env.put("KUBERNETES_SERVICE_HOST", "10.0.0.1");
    env.put("KUBERNETES_SERVICE_PORT", "443");
    // no token file: not in a Pod
    assertThat(kubeconfig().choose(null, null).origin()).isEqualTo(Origin.HOME);
    Files.writeString(token, "t");
    assertThat(kubeconfig().choose(null, null)).isEqualTo(new Kubeconfig.Choice(Origin.IN_CLUSTER, null, null));
    env.clear();
    assertThat(kubeconfig().choose(null, "h")).isEqualTo(new Kubeconfig.Choice(Origin.HOME, homeConfig, "h"));
  }

  @Test
  void errorsNameWhatIsMissing() throws IOException {
    assertThatThrownBy(() -> kubeconfig().choose(dir.resolve("nope").toString(), null))
        .hasMessageContaining("nope: no such file or directory");
    assertThatThrownBy(() -> kubeconfig().choose(null, null)).hasMessageStartingWith("no kubeconfig found");
    Path flag = file("flag.yaml", "a");
    assertThatThrownBy(() -> kubeconfig().choose(flag.toString(), "x")).hasMessage("context \"x\" does not exist");
    env.put("KUBECONFIG", dir.resolve("missing.yaml").toString());
    assertThatThrownBy(() -> kubeconfig().choose(null, null)).hasMessageContaining("no such file or directory");
  }

  @Test
  void loadsTheChosenContext() throws IOException {
    Path file = file("two.yaml", "a", "b");
    var config = Kubeconfig.load(new Kubeconfig.Choice(Origin.FLAG, file, "b"));
    assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:6443");
    assertThat(config.getCurrentContext().getName()).isEqualTo("b");
  }
}
