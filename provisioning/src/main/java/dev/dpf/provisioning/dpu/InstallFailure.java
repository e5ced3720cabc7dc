package dev.dpf.provisioning.dpu;

import dev.dpf.common.cluster.DpuClusterAccessException;
import dev.dpf.dms.DmsException;
import dev.dpf.provisioning.bfcfg.BfCfgException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A failed installation step. {@link #permanent()} failures (DMS refused the image or the activation, the DPU reported
 * a failed installation, the bf.cfg cannot be produced) end in phase Error at once; the others (DMS unreachable or
 * not answering in time, TLS, missing TLS Secrets, the DPU cluster unreachable for the join token, API errors) are
 * retried with back-off first.
 */
final class InstallFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean permanent;

  InstallFailure(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  boolean permanent() {
    return permanent;
  }

  /** Classifies what an installation step threw. */
  static InstallFailure of(Throwable e) {
    if (e instanceof InstallFailure f) {
      return f;
    }
    if (e instanceof DmsException d) {
      boolean permanent = switch (d.reason()) {
        case INSTALL_ERROR, ACTIVATE_ERROR, PROTOCOL, LOCAL_IO -> true;
        case REBOOT_FAILED -> !d.getMessage().contains("retriable failure");
        default -> false;
      };
      return new InstallFailure(d.getMessage(), permanent, d);
    }
    if (e instanceof BfCfgException b) {
      return new InstallFailure(b.getMessage(), true, b);
    }
    if (e instanceof DpuClusterAccessException a) {
      return new InstallFailure(a.getMessage(), false, a);
    }
    if (e instanceof DpuActionException a) {
      return new InstallFailure(a.getMessage(), false, a);
    }
    if (e instanceof KubernetesClientException k) {
      return new InstallFailure(DpuActionException.describe(k), false, k);
    }
    if (e instanceof InterruptedException) {
      return new InstallFailure("the installation task was cancelled", false, e);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new InstallFailure(message, false, e);
  }
}
