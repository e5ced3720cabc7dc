package dev.dpf.dms;

import java.util.Objects;

/**
 * A DPU object ({@code provisioning.dpu.nvidia.com/v1alpha1} DPU) by namespace and name: the key of the hardware
 * seams {@link DmsEndpoints} and {@link HostOps}.
 */
public record DpuRef(String namespace, String name) {

  public DpuRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** The DMS pod of this DPU, {@code <dpu>-dms} in the DPU's namespace (DPF v24.10). */
  public String dmsPodName() {
    return name + "-dms";
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
