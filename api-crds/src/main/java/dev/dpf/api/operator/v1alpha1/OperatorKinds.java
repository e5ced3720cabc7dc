package dev.dpf.api.operator.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;

/** The kinds of {@code operator.dpu.nvidia.com/v1alpha1}. */
public final class OperatorKinds {

  public static final List<Class<? extends CustomResource<?, ?>>> ALL = List.of(DPFOperatorConfig.class);

  private OperatorKinds() {}
}
