package dev.dpf.common.rbac;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An API permission the annotated class needs in the host cluster. The operator's ClusterRole (Helm chart and
 * config/rbac) is generated from these annotations, and a test runs the controllers with only that role, so a
 * missing annotation fails a test. Put it on the class that makes the calls (reconciler, event source, helper).
 *
 * <p>Access inside DPU clusters goes through each DPUCluster's admin kubeconfig and needs no host RBAC.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Rbac.List.class)
public @interface Rbac {

  /** API group; "" for the core group. */
  String group();

  /** Resources, with subresources as {@code pods/exec}, {@code bfbs/status}. */
  String[] resources();

  /** Verbs: get, list, watch, create, update, patch, delete, deletecollection. */
  String[] verbs();

  /** The repeatable container. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface List {
    Rbac[] value();
  }
}
