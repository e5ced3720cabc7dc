package dev.dpf.dpuservice.argocd;

import io.javaoperatorsdk.operator.processing.GroupVersionKind;

/**
 * Argo CD kinds and strings the DPUService controller uses. Argo CD objects are handled as
 * {@code GenericKubernetesResource}s: DPF does not depend on Argo CD's Java model, only on the fields below.
 */
public final class ArgoCd {

  public static final String GROUP = "argoproj.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String APPLICATION = "Application";
  public static final String APP_PROJECT = "AppProject";
  public static final GroupVersionKind APPLICATION_GVK = new GroupVersionKind(GROUP, VERSION, APPLICATION);

  /** Application {@code status.sync.status} value of an Application in sync. */
  public static final String SYNCED = "Synced";
  /** Application {@code status.health.status} value of a healthy Application. */
  public static final String HEALTHY = "Healthy";

  private ArgoCd() {}
}
