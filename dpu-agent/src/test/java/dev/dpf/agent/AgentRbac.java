package dev.dpf.agent;

import dev.dpf.common.rbac.Rbac;
import dev.dpf.testing.KubeTestContext;
import dev.dpf.testing.LocalControlPlane;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * Runs the agent as the chart will: a user bound to a ClusterRole made of exactly the {@link Rbac} annotations of
 * the classes under {@code dev.dpf.agent} (so a missing annotation fails the tests with 403).
 */
public final class AgentRbac implements AutoCloseable {

  private final KubernetesClient admin;
  private final String name;
  private final KubernetesClient client;

  private AgentRbac(KubernetesClient admin, String name, KubernetesClient client) {
    this.admin = admin;
    this.name = name;
    this.client = client;
  }

  /** A client for a fresh user holding only the agent's rules; the role is removed on close. */
  public static AgentRbac create(KubeTestContext kube) {
    KubernetesClient admin = kube.client();
    String name = "dpf-dpu-agent-" + kube.namespace();
    ClusterRole role = new ClusterRoleBuilder().withNewMetadata().withName(name).endMetadata()
        .withRules(rules()).build();
    admin.rbac().clusterRoles().resource(role).create();
    ClusterRoleBinding binding = new ClusterRoleBindingBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", name)
        .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName(name).endSubject()
        .build();
    admin.rbac().clusterRoleBindings().resource(binding).create();
    KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(LocalControlPlane.configFor(kube.host().kubeconfigFor(name), kube.namespace())).build();
    // the authorizer learns about new bindings through a watch: wait until the role is in force
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
      SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview().create(
          new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
              .withGroup("provisioning.dpu.nvidia.com").withResource("dpus").withVerb("watch")
              .withNamespace(kube.namespace()).endResourceAttributes().endSpec().build());
      return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
    });
    return new AgentRbac(admin, name, client);
  }

  public KubernetesClient client() {
    return client;
  }

  /** The agent's rules: one rule per annotation of every class under dev.dpf.agent. */
  public static List<PolicyRule> rules() {
    List<PolicyRule> rules = new ArrayList<>();
    for (Class<?> type : agentClasses()) {
      for (Rbac rbac : type.getAnnotationsByType(Rbac.class)) {
        rules.add(new PolicyRuleBuilder().withApiGroups(rbac.group()).withResources(rbac.resources())
            .withVerbs(rbac.verbs()).build());
      }
    }
    return rules;
  }

  static List<Class<?>> agentClasses() {
    List<Class<?>> classes = new ArrayList<>();
    ClassLoader loader = AgentRbac.class.getClassLoader();
    try {
      for (URL url : Collections.list(loader.getResources("dev/dpf/agent"))) {
        if (!"file".equals(url.getProtocol())) {
          continue;
        }
        Path root = Path.of(url.toURI());
        Path classesRoot = root.getParent().getParent().getParent();
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(p -> p.toString().endsWith(".class")).forEach(p -> names.add(classesRoot.relativize(p)
              .toString()));
        }
        for (String file : names) {
          classes.add(Class.forName(file.substring(0, file.length() - 6).replace('/', '.'), false, loader));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return classes;
  }

  @Override
  public void close() {
    client.close();
    admin.rbac().clusterRoleBindings().withName(name).delete();
    admin.rbac().clusterRoles().withName(name).delete();
  }
}
