package dev.dpf.dpfctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.dpfctl.cli.Context;
import dev.dpf.dpfctl.source.ViewerRole;
import dev.dpf.dpfctl.source.YamlObjectSource;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client side against a real API server: the objects of the golden case {@code all-healthy} are created (spec,
 * then status through the status subresource), and {@code dpfctl describe all} run through its real object source
 * (fabric8, {@code --kubeconfig}) as a user bound only to the documented read-only ClusterRole prints the same
 * table as the golden test.
 */
@KubeTest
class DescribeOnApiServerTest {

  @TempDir
  Path dir;

  @Test
  void describeAllFromTheApiServer(KubeTestContext kube) throws Exception {
    Path golden = GoldenTest.GOLDEN.resolve("all-healthy");
    List<GenericKubernetesResource> objects = YamlObjectSource.read(GoldenTest.objects(golden));
    KubernetesClient admin = kube.host().adminClient();
    Set<String> namespaces = new LinkedHashSet<>();
    objects.forEach(o -> namespaces.add(o.getMetadata().getNamespace()));
    try {
      for (String ns : namespaces) {
        if (admin.namespaces().withName(ns).get() == null) {
          admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
              .create();
        }
      }
      for (GenericKubernetesResource object : objects) {
        Object status = object.getAdditionalProperties().remove("status");
        object.getMetadata().setCreationTimestamp(null);
        GenericKubernetesResource created = admin.resource(object).create();
        if (status != null) {
          created.setAdditionalProperty("status", status);
          admin.resource(created).updateStatus();
        }
      }
      ClusterRole role = Serialization.unmarshal(ViewerRole.yaml(), ClusterRole.class);
      admin.resource(role).createOr(r -> r.update());
      admin.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(ViewerRole.NAME).endMetadata()
          .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
          .withName(ViewerRole.NAME).endRoleRef()
          .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("jane").endSubject()
          .build()).createOr(r -> r.update());
      Path kubeconfig = Files.writeString(dir.resolve("jane.kubeconfig"), kube.host().kubeconfigFor("jane"));

      String expected = Files.readString(golden.resolve("expected.txt"), StandardCharsets.UTF_8);
      assertThat(run("describe", "all", "--kubeconfig", kubeconfig.toString())).isEqualTo(expected);

      // -n restricts everything but the root to one namespace
      assertThat(run("describe", "dpuclusters", "--kubeconfig", kubeconfig.toString(), "-n", "dpu-cplane-tenant1"))
          .contains("DPUCluster/dpu-cplane-tenant1", "TenantControlPlane/dpu-cplane-tenant1")
          .doesNotContain("DPUCluster/dpu-cluster-1");
    } finally {
      for (GenericKubernetesResource object : objects) {
        admin.resource(object).delete();
      }
      for (String ns : namespaces) {
        admin.namespaces().withName(ns).delete();
      }
    }
  }

  /** Runs the CLI with its real object source (what {@code main} does), at the golden tests' fixed time. */
  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Context context = new Context(Dpfctl::openCluster, Map.<String, String>of()::get, false,
        Clock.fixed(GoldenTest.NOW, ZoneOffset.UTC), new PrintWriter(out), new PrintWriter(err));
    int code = new Dpfctl(context).execute(args);
    return out + err.toString() + (code == 0 ? "" : "[exit " + code + "]\n");
  }
}
