package dev.dpf.common.testing;

import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Helm chart's RBAC, for tests that prove it is sufficient: a ServiceAccount in the test namespace bound to a
 * ClusterRole with the chart's generated rules (charts/dpf-operator/files/operator-rules.yaml) plus the chart's
 * leader-election Role, and a client that impersonates that ServiceAccount.
 */
public final class ChartRbac {

  public static final String PROPERTY = "dpf.test.rbac";
  static final String SERVICE_ACCOUNT = "dpf-operator";

  private ChartRbac() {}

  /** Whether this test JVM runs controllers with only the chart's RBAC ({@code -Ddpf.test.rbac=chart}). */
  public static boolean enabled() {
    return "chart".equals(System.getProperty(PROPERTY));
  }

  /** The chart's operator rules, parsed from the generated file. */
  public static List<PolicyRule> rules() {
    Path root = Path.of(System.getProperty("dpf.root", "..")).toAbsolutePath().normalize();
    Path file = root.resolve("charts/dpf-operator/files/operator-rules.yaml");
    try {
      PolicyRule[] rules = new KubernetesSerialization().unmarshal(Files.readString(file), PolicyRule[].class);
      return List.of(rules);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Creates the ServiceAccount and bindings in the test namespace and returns a client acting as it. */
  public static KubernetesClient impersonatingClient(KubeTestContext kube) {
    KubernetesClient admin = kube.client();
    String ns = kube.namespace();
    admin.serviceAccounts().resource(new ServiceAccountBuilder().withNewMetadata().withName(SERVICE_ACCOUNT)
        .withNamespace(ns).endMetadata().build()).serverSideApply();
    String roleName = "dpf-operator-test-" + ns;
    admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(roleName).endMetadata()
        .withRules(rules()).build()).serverSideApply();
    admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(roleName)
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", roleName)
        .addNewSubject().withKind("ServiceAccount").withName(SERVICE_ACCOUNT).withNamespace(ns).endSubject()
        .build()).serverSideApply();
    // the chart's leader-election Role (templates/leader-election-role.yaml)
    admin.rbac().roles().inNamespace(ns).resource(new RoleBuilder().withNewMetadata().withName("leader-election")
        .withNamespace(ns).endMetadata()
        .withRules(new PolicyRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
            .withVerbs("get", "list", "watch", "create", "update", "patch").build(),
            new PolicyRuleBuilder().withApiGroups("").withResources("events").withVerbs("create", "patch").build())
        .build()).serverSideApply();
    admin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder().withNewMetadata()
        .withName("leader-election").withNamespace(ns).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "leader-election")
        .addNewSubject().withKind("ServiceAccount").withName(SERVICE_ACCOUNT).withNamespace(ns).endSubject()
        .build()).serverSideApply();
    Config config = kube.host().adminConfig();
    config.setImpersonateUsername("system:serviceaccount:" + ns + ":" + SERVICE_ACCOUNT);
    config.setImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated");
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
