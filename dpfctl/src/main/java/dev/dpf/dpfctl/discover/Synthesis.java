package dev.dpf.dpfctl.discover;

import dev.dpf.dpfctl.model.Cond;
import dev.dpf.dpfctl.model.Obj;
import dev.dpf.dpfctl.render.HumanDuration;
import dev.dpf.dpfctl.tree.TreeNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Conditions for objects that have none of their own or whose status says more than their conditions (reference
 * section 5.4): BFBs from their phase, Argo CD Applications from sync and health, Kamaji TenantControlPlanes from
 * their Service and Deployment conditions, DPUs with their operational and agent conditions and their phase.
 */
public final class Synthesis {

  /** Argo CD resources whose health is shown as a condition of the Application. */
  static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob",
      "ReplicaSet");

  /** Upstream's summary message prefix (conditions.MessageNotReady). */
  static final String MESSAGE_NOT_READY = "The following conditions are not ready";

  private final Instant now;

  public Synthesis(Instant now) {
    this.now = now;
  }

  /**
   * A BFB: one {@code Ready} condition, True with reason {@code Ready} and message
   * {@code File: <basename of spec.url>[, DOCA: <status.versions.doca>]} when the phase is Ready, else False with the
   * phase as reason; while downloading the message tells the progress ({@code status.download}), otherwise it is
   * the message of the BFB's own Ready condition. Time: the BFB's Ready condition, else its creation.
   */
  public TreeNode bfb(Obj bfb) {
    String phase = bfb.str("status", "phase");
    Cond own = bfb.condition(Cond.READY);
    Instant time = own != null && own.lastTransitionTime() != null ? own.lastTransitionTime() : bfb.creationTimestamp();
    Cond ready;
    if ("Ready".equals(phase)) {
      String message = "File: " + baseName(bfb.str("spec", "url"));
      String doca = bfb.str("status", "versions", "doca");
      if (!doca.isEmpty()) {
        message += ", DOCA: " + doca;
      }
      ready = new Cond(Cond.READY, Cond.TRUE, phase, message, time);
    } else {
      String message = "Downloading".equals(phase) ? downloadProgress(bfb) : "";
      if (message.isEmpty() && own != null && !own.isTrue()) {
        message = own.message();
      }
      ready = new Cond(Cond.READY, Cond.FALSE, phase, message, time);
    }
    return TreeNode.synthesised(bfb, "BFB", List.of(ready));
  }

  /** {@code Downloaded 42% (1.2 GiB of 2.9 GiB)} from {@code status.download}; "" when nothing is known. */
  static String downloadProgress(Obj bfb) {
    Long percent = bfb.number("status", "download", "percent");
    Long bytes = bfb.number("status", "download", "bytes");
    Long total = bfb.number("status", "download", "totalBytes");
    if (percent != null && bytes != null && total != null) {
      return "Downloaded " + percent + "% (" + Bytes.iec(bytes) + " of " + Bytes.iec(total) + ")";
    }
    if (percent != null) {
      return "Downloaded " + percent + "%";
    }
    if (bytes != null) {
      return "Downloaded " + Bytes.iec(bytes) + (total != null ? " of " + Bytes.iec(total) : "");
    }
    return "";
  }

  /** Go's {@code filepath.Base}. */
  static String baseName(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return ".";
    }
    int slash = p.lastIndexOf('/');
    return slash < 0 || p.length() == 1 ? p : p.substring(slash + 1);
  }

  /**
   * An Argo CD Application: a False condition per Argo CD condition (type and reason = its type), a condition per
   * workload resource ({@code <Kind>/<name>}, status = sync status, reason = health, message = health message), and
   * {@code Ready}: True/Success when healthy without Argo CD conditions, else False with the health as reason.
   * Time of all: {@code status.reconciledAt}, else now.
   */
  public TreeNode application(Obj app) {
    Instant time = Objects.requireNonNullElse(Obj.parseTime(app.str("status", "reconciledAt")), now);
    List<Cond> conditions = new ArrayList<>();
    List<String> argoTypes = new ArrayList<>();
    for (Object item : app.list("status", "conditions")) {
      if (item instanceof Map<?, ?> c) {
        String type = Obj.text(c.get("type"));
        conditions.add(new Cond(type, Cond.FALSE, type, Obj.text(c.get("message")), time));
        argoTypes.add(type);
      }
    }
    for (Object item : app.list("status", "resources")) {
      if (item instanceof Map<?, ?> r && WORKLOAD_KINDS.contains(Obj.text(r.get("kind")))) {
        String health = "";
        String message = "";
        if (r.get("health") instanceof Map<?, ?> h) {
          health = Obj.text(h.get("status"));
          message = Obj.text(h.get("message"));
        }
        conditions.add(new Cond(r.get("kind") + "/" + Obj.text(r.get("name")), Obj.text(r.get("status")), health,
            message, time));
      }
    }
    String health = app.str("status", "health", "status");
    Cond ready;
    if ("Healthy".equals(health) && argoTypes.isEmpty()) {
      ready = new Cond(Cond.READY, Cond.TRUE, "Success", "", time);
    } else {
      ready = new Cond(Cond.READY, Cond.FALSE, health, notReadyMessage(argoTypes), time);
    }
    conditions.add(ready);
    return TreeNode.synthesised(app, "Application", conditions);
  }

  /** Upstream's {@code ReadyConditionMessage}: the list of not-ready types as bullets, "" for none. */
  static String notReadyMessage(List<String> types) {
    if (types.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(MESSAGE_NOT_READY).append(':');
    for (String t : types) {
      out.append("\n* ").append(t);
    }
    return out.toString();
  }

  /**
   * A Kamaji TenantControlPlane: its Service conditions as {@code Service/<type>}, its Deployment conditions as
   * {@code Deployment/<type>}, and {@code Ready} True/Ready when all are True, else False/Unknown with message
   * {@code The TenantControlPlane is not ready}. Time of Ready: the newest of those conditions, else the creation.
   */
  public TreeNode tenantControlPlane(Obj tcp) {
    List<Cond> conditions = new ArrayList<>();
    for (Cond c : tcp.conditionsAt("status", "kubernetesResources", "service", "conditions")) {
      conditions.add(c.withType("Service/" + c.type()));
    }
    for (Cond c : tcp.conditionsAt("status", "kubernetesResources", "deployment", "conditions")) {
      conditions.add(c.withType("Deployment/" + c.type()));
    }
    boolean allTrue = conditions.stream().allMatch(Cond::isTrue);
    Instant time = newest(conditions);
    if (time == null) {
      time = tcp.creationTimestamp();
    }
    conditions.add(allTrue
        ? new Cond(Cond.READY, Cond.TRUE, "Ready", "", time)
        : new Cond(Cond.READY, Cond.FALSE, "Unknown", "The TenantControlPlane is not ready", time));
    return TreeNode.synthesised(tcp, "TenantControlPlane", conditions);
  }

  /**
   * A DPU: its conditions, then its operational conditions as {@code Operational/<type>} and its node agent's as
   * {@code Agent/<type>}; without a Ready condition a synthetic one (True iff the phase is Ready, reason = phase,
   * time = newest condition or deletion). While not Ready its row notes the phase and how long ago the last
   * condition changed (or the deletion started) ({@code Phase: OS Installing for 4m12s}; DPUStatus has no
   * phase-entered time), and while installing the flash progress ({@link #flashProgress}).
   */
  public TreeNode dpu(Obj dpu) {
    List<Cond> conditions = new ArrayList<>(dpu.conditions());
    for (Cond c : dpu.conditionsAt("status", "operationalConditions")) {
      conditions.add(c.withType("Operational/" + c.type()));
    }
    for (Cond c : dpu.conditionsAt("status", "agentStatus", "conditions")) {
      conditions.add(c.withType("Agent/" + c.type()));
    }
    String phase = dpu.str("status", "phase");
    Instant time = newest(conditions);
    Instant deletion = dpu.deletionTimestamp();
    if (deletion != null && (time == null || deletion.isAfter(time))) {
      time = deletion;
    }
    if (dpu.condition(Cond.READY) == null) {
      conditions.add(new Cond(Cond.READY, "Ready".equals(phase) ? Cond.TRUE : Cond.FALSE, phase, "", time));
    }
    TreeNode node = TreeNode.of(dpu, conditions);
    if (!phase.isEmpty() && !"Ready".equals(phase)) {
      String note = "Phase: " + phase;
      if (time != null) {
        note += " for " + HumanDuration.format(Duration.between(time, now));
      }
      String flash = "OS Installing".equals(phase) ? flashProgress(dpu) : "";
      if (!flash.isEmpty()) {
        note += ", " + flash;
      }
      node.setNote(note);
    }
    return node;
  }

  /**
   * The flash progress from {@code status.installation} (a DPF-for-Java status extension): {@code flashing the BFB
   * 42% (1.2 GiB of 2.9 GiB)} while the image streams to DMS, then the step ({@code activating}, {@code DPU
   * rebooting}, {@code waiting for cloud-init}); "" without an installation record.
   */
  static String flashProgress(Obj dpu) {
    String step = dpu.str("status", "installation", "step");
    Long sent = dpu.number("status", "installation", "bytesSent");
    Long total = dpu.number("status", "installation", "totalBytes");
    Long attempt = dpu.number("status", "installation", "attempt");
    String text = switch (step) {
      case "TransferringBFB" -> sent != null && total != null && total > 0
          ? "flashing the BFB " + (sent * 100 / total) + "% (" + Bytes.iec(sent) + " of " + Bytes.iec(total) + ")"
          : "flashing the BFB";
      case "TransferringBFCFG" -> "sending bf.cfg";
      case "Activating" -> "activating";
      case "DPURebooting" -> "DPU rebooting";
      case "WaitingForCloudInit" -> "waiting for cloud-init";
      default -> "";
    };
    if (!text.isEmpty() && attempt != null && attempt > 1) {
      text += " (attempt " + attempt + ")";
    }
    return text;
  }

  /** A host Node for {@code dpfctl why}: only its Ready condition (the pressure conditions are False when fine). */
  public TreeNode node(Obj node) {
    List<Cond> ready = node.conditions().stream().filter(Cond::isReady).toList();
    return TreeNode.of(node, ready);
  }

  static Instant newest(List<Cond> conditions) {
    Instant newest = null;
    for (Cond c : conditions) {
      if (c.lastTransitionTime() != null && (newest == null || c.lastTransitionTime().isAfter(newest))) {
        newest = c.lastTransitionTime();
      }
    }
    return newest;
  }
}
