package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.DPUHostReboot;
import dev.dpf.api.provisioning.v1alpha1.DPUPhase;
import dev.dpf.dms.PowerAction;
import dev.dpf.provisioning.bfcfg.RebootCommand;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Rebooting} (reference 9.10, quirk Q14). The host has rebooted since DMS came up when the host uptime (read
 * in the background through {@code HostOps}) is shorter than the time since {@code DMSRunning} became True. Until
 * then, if the DPU may reboot its host, the selected command ({@link RebootCommand}: warm {@code bf-slr.sh},
 * {@code ipmitool chassis power cycle|reset}, or skip) is issued once and recorded in {@code status.hostReboot};
 * it is issued again only after the grace period. Without automatic reboot the DPU waits for an operator
 * ({@code WaitingForManualPowerCycleOrReboot}).
 */
final class RebootingPhase implements Phase {

  @Override
  public DPUPhase phase() {
    return DPUPhase.REBOOTING;
  }

  @Override
  public Step handle(DpuPass p) {
    Optional<Condition> dms = p.condition(DPU.CONDITION_DMS_RUNNING);
    if (dms.isEmpty() || !p.isTrue(DPU.CONDITION_DMS_RUNNING) || dms.get().getLastTransitionTime() == null) {
      return p.error(DPU.CONDITION_REBOOTED, DPU.REASON_INVALID_STATE, DPU.MESSAGE_INVALID_STATE);
    }
    Node node = p.svc.watches.node(p.nodeName()).orElse(null);
    if (node == null || node.getMetadata().getDeletionTimestamp() != null) {
      p.setFalse(DPU.CONDITION_REBOOTED, DPU.REASON_ERROR_OCCURED, p.hostNodeMissing(node));
      p.warn(DPU.REASON_ERROR_OCCURED, p.hostNodeMissing(node));
      return Step.waitForEvent();
    }
    Optional<BackgroundTasks.Task<Void>> reboot = p.svc.tasks.get(p.uid(), BackgroundTasks.Kind.REBOOT);
    if (reboot.isPresent()) {
      return rebootIssued(p, reboot.get());
    }
    Optional<BackgroundTasks.Task<Long>> uptime = p.svc.tasks.get(p.uid(), BackgroundTasks.Kind.UPTIME);
    if (uptime.isEmpty()) {
      p.svc.tasks.start(p.uid(), BackgroundTasks.Kind.UPTIME, p.id(), t -> p.svc.hostOps.uptimeSeconds(p.ref()));
      return Step.waitForEvent();
    }
    if (!uptime.get().isDone()) {
      return Step.waitForEvent();
    }
    p.consume(BackgroundTasks.Kind.UPTIME);
    long seconds;
    try {
      seconds = uptime.get().get();
    } catch (Exception e) {
      // the host is down while it reboots (its DMS pod is gone): look again later
      if (p.status.getHostReboot() == null || p.status.getHostReboot().getIssuedAt() == null) {
        p.setFalse(DPU.CONDITION_REBOOTED, DPU.REASON_ERROR_OCCURED, "cannot read the uptime of host "
            + p.nodeName() + ": " + e.getMessage());
      }
      return Step.recheckAfter(p.svc.options.rebootCheckInterval());
    }
    long elapsed = Duration.between(Instant.parse(dms.get().getLastTransitionTime()), p.now).toSeconds();
    if (elapsed > seconds) {
      p.setTrue(DPU.CONDITION_REBOOTED, "");
      p.normal(DPU.CONDITION_REBOOTED, "The host " + p.nodeName() + " rebooted (uptime " + seconds + "s)");
      return Step.next(DPUPhase.HOST_NETWORK_CONFIGURATION);
    }
    if (!p.dpu.automaticNodeRebootAllowed()) {
      p.setFalse(DPU.CONDITION_REBOOTED, DPU.REASON_WAITING_FOR_MANUAL_POWER_CYCLE_OR_REBOOT, "");
      return Step.recheckAfter(p.svc.options.rebootCheckInterval());
    }
    RebootCommand command;
    try {
      command = RebootCommand.select(p.annotations(), annotations(node));
    } catch (RebootCommand.InvalidValueException e) {
      // fixed through the Node's or the DPU's annotations: both wake the DPU
      p.setFalse(DPU.CONDITION_REBOOTED, DPU.REASON_ERROR_OCCURED, e.getMessage());
      p.warn(DPU.REASON_ERROR_OCCURED, e.getMessage());
      return Step.waitForEvent();
    }
    if (command.type() == RebootCommand.Type.SKIP) {
      p.setTrue(DPU.CONDITION_REBOOTED, "host reboot skipped (reboot command \"skip\")");
      p.normal("HostRebootSkipped", "The reboot command of host " + p.nodeName() + " is \"skip\": not rebooting it");
      return Step.next(DPUPhase.HOST_NETWORK_CONFIGURATION);
    }
    DPUHostReboot issued = p.status.getHostReboot();
    if (issued != null && issued.getIssuedAt() != null) {
      Instant again = Instant.parse(issued.getIssuedAt()).plus(p.svc.options.rebootGracePeriod());
      if (p.now.isBefore(again)) {
        Duration left = Duration.between(p.now, again);
        return Step.recheckAfter(left.compareTo(p.svc.options.rebootCheckInterval()) < 0 ? left
            : p.svc.options.rebootCheckInterval());
      }
      p.warn("HostRebootReissued", "The host " + p.nodeName() + " did not reboot within "
          + p.svc.options.rebootGracePeriod().toSeconds() + "s of `" + issued.getCommand() + "`; issuing it again");
    }
    String description = describe(command, p);
    p.svc.tasks.start(p.uid(), BackgroundTasks.Kind.REBOOT, p.id(), t -> {
      PowerAction action = PowerAction.parse(command.word());
      if (command.type() == RebootCommand.Type.POWER_CYCLE) {
        p.svc.hostOps.powerCycle(p.ref(), action);
      } else {
        p.svc.hostOps.warmReboot(p.ref(), Pci.withoutDomain(p.dpu.pciAddressLabel()), action);
      }
      return null;
    });
    DPUHostReboot record = issued == null ? new DPUHostReboot() : issued;
    record.setCommand(description);
    p.status.setHostReboot(record);
    return Step.waitForEvent();
  }

  /** The reboot command finished: record it (Q14), or report the failure and retry with back-off. */
  private static Step rebootIssued(DpuPass p, BackgroundTasks.Task<Void> task) {
    if (!task.isDone()) {
      return Step.waitForEvent();
    }
    p.consume(BackgroundTasks.Kind.REBOOT);
    DPUHostReboot record = p.status.getHostReboot() == null ? new DPUHostReboot() : p.status.getHostReboot();
    p.status.setHostReboot(record);
    try {
      task.get();
    } catch (Exception e) {
      return p.error(DPU.CONDITION_REBOOTED, DPU.REASON_ERROR_OCCURED, "rebooting the host " + p.nodeName()
          + " failed: " + e.getMessage());
    }
    record.setIssuedAt(task.finished().toString());
    record.setCount(record.getCount() == null ? 1 : record.getCount() + 1);
    p.setTrue(DPU.CONDITION_REBOOTED, "host reboot issued (`" + record.getCommand()
        + "`); waiting for the host to come back");
    p.normal("HostRebootIssued", "Rebooting the host " + p.nodeName() + ": " + record.getCommand());
    return Step.recheckAfter(p.svc.options.rebootCheckInterval());
  }

  static String describe(RebootCommand command, DpuPass p) {
    if (command.type() == RebootCommand.Type.POWER_CYCLE) {
      return command.ipmitoolCommand();
    }
    String pci = Pci.withoutDomain(p.dpu.pciAddressLabel());
    return "bf-slr.sh " + pci + " " + command.word() + " arm; bf-slr.sh " + pci + " " + command.word() + " host";
  }

  private static Map<String, String> annotations(Node node) {
    return node.getMetadata().getAnnotations() == null ? Map.of() : node.getMetadata().getAnnotations();
  }
}
