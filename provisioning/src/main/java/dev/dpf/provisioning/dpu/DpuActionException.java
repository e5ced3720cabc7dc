package dev.dpf.provisioning.dpu;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** An API action of the DPU controller failed; the message is fit for a condition and an event. */
class DpuActionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  DpuActionException(String message) {
    super(message);
  }

  DpuActionException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "{@code what}: {@code <API server message>}" without the request URL noise of fabric8's message. */
  static DpuActionException of(String what, KubernetesClientException e) {
    return new DpuActionException(what + ": " + describe(e), e);
  }

  static String describe(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isEmpty()) {
      return e.getStatus().getMessage();
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
