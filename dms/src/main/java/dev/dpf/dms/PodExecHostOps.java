package dev.dpf.dms;

import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Production {@link HostOps} (DPF v24.10): runs the commands in container {@value #CONTAINER} of the DPU's DMS pod
 * ({@code <dpu>-dms}, privileged, host network, so {@code /proc/uptime} and the IPMI device are the host's) through
 * the pods/exec subresource. Commands are run as argument vectors, without a shell. Output is capped at 64 KiB per
 * stream; a non-zero exit code or an exec failure is a {@link HostOpsException} naming the command and DPU.
 */
@Rbac(group = "", resources = {"pods"}, verbs = {"get", "list", "watch"})
@Rbac(group = "", resources = {"pods/exec"}, verbs = {"create", "get"})
public final class PodExecHostOps implements HostOps {

  /** The DMS container of the DMS pod. */
  public static final String CONTAINER = "dms";

  private static final Logger LOG = LoggerFactory.getLogger(PodExecHostOps.class);
  private static final Pattern PCI = Pattern.compile("[0-9a-fA-F]{2}:[0-9a-fA-F]{2}");
  private static final int MAX_OUTPUT = 64 * 1024;

  private final KubernetesClient client;
  private final Duration timeout;
  private final CommandRunner runner;

  /** Runs one command in the DMS container of a DPU's DMS pod (the pods/exec transport; tests replace it). */
  @FunctionalInterface
  interface CommandRunner {
    ExecResult run(DpuRef dpu, List<String> command);
  }

  /**
   * @param timeout the longest one command may run (DPF does not limit it; use e.g. the DPFOperatorConfig
   *     {@code dmsTimeout})
   */
  public PodExecHostOps(KubernetesClient client, Duration timeout) {
    this.client = Objects.requireNonNull(client);
    this.timeout = Objects.requireNonNull(timeout);
    this.runner = this::run;
  }

  /** With another transport (tests of the command logic). */
  PodExecHostOps(CommandRunner runner) {
    this.client = null;
    this.timeout = Duration.ZERO;
    this.runner = Objects.requireNonNull(runner);
  }

  /** The result of a command. */
  record ExecResult(int exitCode, String stdout, String stderr) {}

  @Override
  public long uptimeSeconds(DpuRef dpu) {
    List<String> command = List.of("cat", "/proc/uptime");
    ExecResult result = runChecked(dpu, command);
    String[] fields = result.stdout().trim().split("\\s+");
    try {
      return (long) Double.parseDouble(fields[0]);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new HostOpsException("cannot parse the output of `cat /proc/uptime` in pod " + pod(dpu) + ": \""
          + abbreviate(result.stdout()) + "\"");
    }
  }

  @Override
  public void powerCycle(DpuRef dpu, PowerAction action) {
    runChecked(dpu, List.of("ipmitool", "chassis", "power", action.word()));
  }

  @Override
  public void warmReboot(DpuRef dpu, String pciAddress, PowerAction action) {
    if (pciAddress == null || !PCI.matcher(pciAddress).matches()) {
      throw new IllegalArgumentException("PCI address must look like 4b:00, got \"" + pciAddress + "\"");
    }
    runChecked(dpu, List.of("bf-slr.sh", pciAddress, action.word(), "arm"));
    runChecked(dpu, List.of("bf-slr.sh", pciAddress, action.word(), "host"));
  }

  private ExecResult runChecked(DpuRef dpu, List<String> command) {
    ExecResult result = runner.run(dpu, command);
    if (result.exitCode() != 0) {
      String stderr = abbreviate(result.stderr());
      throw new HostOpsException("`" + String.join(" ", command) + "` in pod " + pod(dpu) + " exited with code "
          + result.exitCode() + (stderr.isEmpty() ? "" : ": " + stderr));
    }
    return result;
  }

  /** Runs {@code command} in the DMS container and waits for its exit code. */
  ExecResult run(DpuRef dpu, List<String> command) {
    String printable = String.join(" ", command);
    BoundedOutput stdout = new BoundedOutput();
    BoundedOutput stderr = new BoundedOutput();
    long started = System.nanoTime();
    try (ExecWatch watch = client.pods().inNamespace(dpu.namespace()).withName(dpu.dmsPodName())
        .inContainer(CONTAINER)
        .writingOutput(stdout)
        .writingError(stderr)
        .exec(command.toArray(String[]::new))) {
      Integer code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.atDebug().addKeyValue("dpu", dpu).addKeyValue("command", printable).addKeyValue("exitCode", code)
          .addKeyValue("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).log("exec finished");
      if (code == null || code < 0) {
        throw new HostOpsException("`" + printable + "` in pod " + pod(dpu)
            + " ended without an exit status (connection to the pod lost)");
      }
      return new ExecResult(code, stdout.text(), stderr.text());
    } catch (TimeoutException e) {
      throw new HostOpsException("`" + printable + "` in pod " + pod(dpu) + " did not finish within "
          + timeout.toSeconds() + "s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostOpsException("`" + printable + "` in pod " + pod(dpu) + " was interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new HostOpsException("cannot run `" + printable + "` in pod " + pod(dpu) + ": " + describe(cause), cause);
    } catch (KubernetesClientException e) {
      throw new HostOpsException("cannot run `" + printable + "` in pod " + pod(dpu) + ": " + describe(e), e);
    }
  }

  private static String describe(Throwable t) {
    if (t instanceof KubernetesClientException k && k.getCode() > 0) {
      return "HTTP " + k.getCode() + (k.getStatus() != null && k.getStatus().getMessage() != null
          ? " " + abbreviate(k.getStatus().getMessage()) : "");
    }
    return abbreviate(String.valueOf(t.getMessage()));
  }

  private static String pod(DpuRef dpu) {
    return dpu.namespace() + "/" + dpu.dmsPodName();
  }

  private static String abbreviate(String text) {
    String trimmed = text.trim().replace('\n', ' ');
    return trimmed.length() > 300 ? trimmed.substring(0, 300) + "..." : trimmed;
  }

  /** Keeps the first {@value #MAX_OUTPUT} bytes. */
  private static final class BoundedOutput extends OutputStream {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      if (buffer.size() < MAX_OUTPUT) {
        buffer.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int room = MAX_OUTPUT - buffer.size();
      if (room > 0) {
        buffer.write(b, off, Math.min(room, len));
      }
    }

    synchronized String text() {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }
}
