package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Kernel command line of the DPU OS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUFlavorGrub {

  @JsonPropertyDescription("KernelParameters are joined with spaces into GRUB_CMDLINE_LINUX on the DPU.")
  private List<String> kernelParameters;

  public List<String> getKernelParameters() {
    return kernelParameters;
  }

  public void setKernelParameters(List<String> kernelParameters) {
    this.kernelParameters = kernelParameters;
  }
}
