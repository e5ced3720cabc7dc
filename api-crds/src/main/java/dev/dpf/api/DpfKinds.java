package dev.dpf.api;

import dev.dpf.api.openshift.v1alpha1.OpenshiftKinds;
import dev.dpf.api.operator.v1alpha1.OperatorKinds;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningKinds;
import dev.dpf.api.svc.v1alpha1.ChainKinds;
import dev.dpf.api.svc.v1alpha1.ServiceKinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Every DPF kind of this implementation (19), for registries, tests and dpfctl. */
public final class DpfKinds {

  public static final List<Class<? extends CustomResource<?, ?>>> ALL;

  static {
    List<Class<? extends CustomResource<?, ?>>> all = new ArrayList<>();
    all.addAll(ProvisioningKinds.ALL);
    all.addAll(ServiceKinds.ALL);
    all.addAll(ChainKinds.ALL);
    all.addAll(OperatorKinds.ALL);
    all.addAll(OpenshiftKinds.ALL);
    ALL = Collections.unmodifiableList(all);
  }

  private DpfKinds() {}

  /** The model class of {@code apiVersion} + {@code kind}. */
  public static Optional<Class<? extends CustomResource<?, ?>>> find(String apiVersion, String kind) {
    return ALL.stream()
        .filter(c -> HasMetadata.getApiVersion(c).equals(apiVersion) && HasMetadata.getKind(c).equals(kind))
        .findFirst();
  }
}
