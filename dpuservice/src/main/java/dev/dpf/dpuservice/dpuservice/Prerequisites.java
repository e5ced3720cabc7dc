package dev.dpf.dpuservice.dpuservice;

import dev.dpf.api.operator.v1alpha1.DPFOperatorConfig;
import dev.dpf.api.svc.v1alpha1.DPUService;
import dev.dpf.api.svc.v1alpha1.ServiceLabels;
import dev.dpf.common.cluster.DpuClusterAccessException;
import dev.dpf.common.cluster.DpuClusterClients;
import dev.dpf.common.cluster.DpuClusterClients.ClusterRef;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.dpuservice.argocd.AppProjects;
import dev.dpf.dpuservice.argocd.ArgoCd;
import dev.dpf.dpuservice.argocd.ArgoClusterSecrets;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Application prerequisites (reference 10.4), in order: the DPUService's namespace in every DPU cluster, the Argo CD
 * cluster Secret of every DPU cluster, the two AppProjects, and the mirrored image pull Secrets. Each step goes
 * through every cluster, collecting errors, and fails as a whole when any cluster failed. Objects shared by many
 * DPUServices are applied once and then only when their content changes or the memo expires.
 */
@Rbac(group = "", resources = {"secrets"}, verbs = {"get", "list", "watch", "create", "patch", "update", "delete"})
@Rbac(group = "argoproj.io", resources = {"appprojects"}, verbs = {"get", "create", "patch", "update"})
final class Prerequisites {

  private final KubernetesClient host;
  private final DpuClusterClients clusters;
  private final ApplyMemo shared;
  private final ApplyMemo credentials;

  /**
   * @param shared memo of namespaces, AppProjects and pull secrets
   * @param credentials memo of Argo CD cluster Secrets (short TTL: a rotated kubeconfig is picked up quickly)
   */
  Prerequisites(KubernetesClient host, DpuClusterClients clusters, ApplyMemo shared, ApplyMemo credentials) {
    this.host = host;
    this.clusters = clusters;
    this.shared = shared;
    this.credentials = credentials;
  }

  /**
   * @param ready the Ready DPU clusters (targets of every prerequisite)
   * @param existing every DPUCluster not being deleted (Argo CD cluster Secrets of others are removed)
   */
  void reconcile(DPUService service, List<ClusterRef> ready, List<ClusterRef> existing, DPFOperatorConfig owner,
      List<Secret> pullSecrets) throws StepException {
    String namespace = service.getMetadata().getNamespace();
    // deployInCluster: the namespace is the DPUService's own, which exists in the host cluster by construction
    if (!service.deploysInCluster() || !pullSecrets.isEmpty()) {
      check("cluster namespaces: ", namespaces(namespace, ready));
    }
    check("ArgoSecrets: ", argoSecrets(ready, owner));
    check("ArgoSecrets: ", staleArgoSecrets(existing, owner.getMetadata().getNamespace()));
    check("AppProject: ", appProjects(ready, owner));
    check("ImagePullSecrets: ", pullSecrets(namespace, ready, pullSecrets));
  }

  private static void check(String prefix, List<String> errors) throws StepException {
    if (!errors.isEmpty()) {
      throw new StepException(prefix + StepException.aggregate(errors), true);
    }
  }

  private List<String> namespaces(String namespace, List<ClusterRef> ready) {
    List<String> errors = new ArrayList<>();
    for (ClusterRef ref : ready) {
      String key = "ns/" + ref.key() + "/" + namespace;
      try {
        shared.once(key, "1", () -> {
          KubernetesClient client = clusters.client(ref);
          Namespace ns = new NamespaceBuilder().withNewMetadata().withName(namespace)
              .addToLabels(ServiceLabels.SVC_DPUSERVICE_NAMESPACE, namespace)
              .addToLabels(ServiceLabels.DPUSERVICE_PREREQ, "true")
              .endMetadata().build();
          client.namespaces().resource(ns).fieldManager(DPUService.FIELD_OWNER).forceConflicts().serverSideApply();
          return true;
        });
      } catch (DpuClusterAccessException e) {
        errors.add("get cluster " + ref.name() + ": " + e.getMessage());
      } catch (KubernetesClientException e) {
        errors.add("namespace for cluster " + ref.name() + ": " + message(e));
      }
    }
    return errors;
  }

  private List<String> argoSecrets(List<ClusterRef> ready, DPFOperatorConfig owner) {
    List<String> errors = new ArrayList<>();
    String operatorNamespace = owner.getMetadata().getNamespace();
    for (ClusterRef ref : ready) {
      String key = "argosecret/" + ref.key();
      String fingerprint = owner.getMetadata().getUid() + "/" + ref.kubeconfigSecret();
      try {
        credentials.once(key, fingerprint, () -> {
          Secret secret = ArgoClusterSecrets.desired(ref, clusters.readKubeconfig(ref), operatorNamespace, owner);
          host.secrets().inNamespace(operatorNamespace).resource(secret).fieldManager(DPUService.FIELD_OWNER)
              .forceConflicts().serverSideApply();
          return true;
        });
      } catch (DpuClusterAccessException e) {
        errors.add("cluster " + ref.name() + ": " + e.getMessage());
      } catch (KubernetesClientException e) {
        errors.add("secret for cluster " + ref.name() + ": " + message(e));
      }
    }
    return errors;
  }

  /** Deletes the Argo CD cluster Secrets of DPUClusters that no longer exist (upstream v24.10 leaves them). */
  private List<String> staleArgoSecrets(List<ClusterRef> existing, String operatorNamespace) {
    Set<String> keep = existing.stream().map(ArgoClusterSecrets::name).collect(Collectors.toSet());
    String key = "argosecret-sweep/" + operatorNamespace;
    String fingerprint = ApplyMemo.fingerprint(keep.stream().sorted().toList());
    List<String> errors = new ArrayList<>();
    try {
      shared.once(key, fingerprint, () -> {
        for (Secret s : host.secrets().inNamespace(operatorNamespace)
            .withLabel(ServiceLabels.ARGOCD_SECRET_TYPE, ServiceLabels.ARGOCD_SECRET_TYPE_CLUSTER)
            .withLabel(ServiceLabels.COMPONENT, ServiceLabels.COMPONENT_DPUSERVICE_MANAGER).list().getItems()) {
          if (!keep.contains(s.getMetadata().getName())) {
            host.secrets().inNamespace(operatorNamespace).withName(s.getMetadata().getName()).delete();
            credentials.forgetPrefix("argosecret/");
          }
        }
        return true;
      });
    } catch (KubernetesClientException e) {
      errors.add("removing stale cluster secrets: " + message(e));
    }
    return errors;
  }

  private List<String> appProjects(List<ClusterRef> ready, DPFOperatorConfig owner) {
    String operatorNamespace = owner.getMetadata().getNamespace();
    List<String> names = ready.stream().map(ClusterRef::name).distinct().sorted().toList();
    List<GenericKubernetesResource> projects = List.of(
        AppProjects.dpuProject(names, operatorNamespace, owner),
        AppProjects.hostProject(operatorNamespace, owner));
    String key = "appprojects/" + operatorNamespace;
    String fingerprint = ApplyMemo.fingerprint(projects);
    List<String> errors = new ArrayList<>();
    shared.once(key, fingerprint, () -> {
      for (GenericKubernetesResource project : projects) {
        try {
          host.genericKubernetesResources(ArgoCd.API_VERSION, ArgoCd.APP_PROJECT).inNamespace(operatorNamespace)
              .resource(project).fieldManager(DPUService.FIELD_OWNER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
          errors.add(project.getMetadata().getName() + ": " + message(e));
        }
      }
      return errors.isEmpty();
    });
    return errors;
  }

  private List<String> pullSecrets(String namespace, List<ClusterRef> ready, List<Secret> hostSecrets) {
    List<Secret> sorted = new ArrayList<>(hostSecrets);
    sorted.sort(Comparator.comparing(s -> s.getMetadata().getName()));
    String fingerprint = ApplyMemo.fingerprint(sorted.stream()
        .map(s -> s.getMetadata().getName() + "@" + s.getMetadata().getResourceVersion()).toList());
    Set<String> names = sorted.stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
    List<String> errors = new ArrayList<>();
    for (ClusterRef ref : ready) {
      String key = "pull/" + ref.key() + "/" + namespace;
      try {
        shared.once(key, fingerprint, () -> {
          KubernetesClient client = clusters.client(ref);
          for (Secret s : sorted) {
            client.secrets().inNamespace(namespace).resource(mirror(s)).fieldManager(DPUService.FIELD_OWNER)
                .forceConflicts().serverSideApply();
          }
          for (Secret existing : client.secrets().inNamespace(namespace).withLabel(ServiceLabels.IMAGE_PULL_SECRET)
              .list().getItems()) {
            if (!names.contains(existing.getMetadata().getName())) {
              client.secrets().inNamespace(namespace).withName(existing.getMetadata().getName()).delete();
            }
          }
          return true;
        });
      } catch (DpuClusterAccessException e) {
        errors.add("get cluster " + ref.name() + ": " + e.getMessage());
      } catch (KubernetesClientException e) {
        errors.add("cluster " + ref.name() + ": " + message(e));
      }
    }
    return errors;
  }

  /** Deletes every mirrored pull secret of {@code namespace} in the DPU clusters (the namespace's last DPUService). */
  void deletePullSecrets(String namespace, List<ClusterRef> ready) throws StepException {
    List<String> errors = new ArrayList<>();
    for (ClusterRef ref : ready) {
      try {
        clusters.client(ref).secrets().inNamespace(namespace).withLabel(ServiceLabels.IMAGE_PULL_SECRET).delete();
        shared.forget("pull/" + ref.key() + "/" + namespace);
      } catch (DpuClusterAccessException e) {
        errors.add("get cluster " + ref.name() + ": " + e.getMessage());
      } catch (KubernetesClientException e) {
        errors.add("cluster " + ref.name() + ": " + message(e));
      }
    }
    check("ImagePullSecrets: ", errors);
  }

  /** The copy written into a DPU cluster: same name, namespace, labels, type, immutable and data. */
  static Secret mirror(Secret source) {
    return new SecretBuilder()
        .withNewMetadata()
          .withName(source.getMetadata().getName())
          .withNamespace(source.getMetadata().getNamespace())
          .withLabels(source.getMetadata().getLabels())
        .endMetadata()
        .withType(source.getType())
        .withImmutable(source.getImmutable())
        .withData(source.getData())
        .build();
  }

  /** The API server's message without the request URL fabric8 prefixes. */
  static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
