package dev.dpf.api.openshift.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;

/** The kinds of {@code dpu.openshift.io/v1alpha1}. */
public final class OpenshiftKinds {

  public static final List<Class<? extends CustomResource<?, ?>>> ALL = List.of(DpuClusterConfig.class);

  private OpenshiftKinds() {}
}
