package dev.dpf.provisioning.dpu;

import dev.dpf.api.provisioning.v1alpha1.DPUInstallStep;
import dev.dpf.common.cluster.DpuClusterClients;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.dms.DmsAddress;
import dev.dpf.dms.DmsClient;
import dev.dpf.dms.DmsEndpoints;
import dev.dpf.dms.DmsException;
import dev.dpf.dms.DmsTimeouts;
import dev.dpf.dms.DmsTls;
import dev.dpf.dms.DpuRef;
import dev.dpf.dms.InstallResult;
import dev.dpf.dms.RebootState;
import dev.dpf.provisioning.bfb.BfbVolume;
import dev.dpf.provisioning.bfcfg.BfCfgInput;
import dev.dpf.provisioning.bfcfg.BfCfgRenderer;
import dev.dpf.provisioning.dpucluster.KubeadmJoin;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS installation through DMS (reference 9.6, dms-gnoi.md 4.2), in two blocking stages that run as background
 * tasks. Between them the DPU controller records in the DPU status that an activation is about to be sent, so a
 * restarted controller never activates twice:
 * <ol>
 *   <li>{@link #transfer}: mTLS connection from the Secrets, gNMI Set of the DPU mode, OS.Install of the BFB
 *       streamed from the BFB volume (DMS answers "already present" when it holds it), bf.cfg rendered with a fresh
 *       join command, stale {@code /bfb/<dpu>.cfg} removed, OS.Install of the bf.cfg, and the version DMS runs
 *       now (OS.Verify);</li>
 *   <li>{@link #activate}: unless this installation's activation was already accepted, ask DMS first (an activation
 *       in progress, or the target version already running since the recorded previous version, means it was sent
 *       before a restart), else OS.Activate; then RebootStatus until the DPU booted.</li>
 * </ol>
 * Both honour interruption (DPU deleted, operator stopping): the DMS call in flight is cancelled.
 */
@Rbac(group = "", resources = {"secrets"}, verbs = {"get"})
final class DpuInstaller {

  private static final Logger LOG = LoggerFactory.getLogger(DpuInstaller.class);

  /** What the transfer needs, read by the reconciler from its caches. */
  record TransferJob(DpuRef dpu, String bfbVersion, Path bfbFile, String cfgVersion, String flavorNamespace,
      String flavorName, DpuClusterClients.ClusterRef cluster, Map<String, String> dpuAnnotations,
      Map<String, String> nodeAnnotations, DmsTimeouts timeouts) {}

  /** The transfer's outcome. */
  record Transferred(boolean bfbSent, long bfbBytes, String previousVersion) {}

  /** Progress of a running task. */
  record Progress(DPUInstallStep step, long bytes, long total, boolean activated) {}

  /** What the activation needs. */
  record ActivateJob(DpuRef dpu, String version, String previousVersion, boolean alreadyActivated,
      DmsTimeouts timeouts) {}

  /** The activation's outcome: whether OS.Activate was sent by this task, and the final state. */
  record Activated(boolean activateSent, RebootState state) {}

  private final KubernetesClient client;
  private final DmsEndpoints endpoints;
  private final KubeadmJoin join;
  private final BfbVolume volume;
  private final DpuResources resources;

  DpuInstaller(KubernetesClient client, DmsEndpoints endpoints, KubeadmJoin join, BfbVolume volume,
      DpuResources resources) {
    this.client = client;
    this.endpoints = endpoints;
    this.join = join;
    this.volume = volume;
    this.resources = resources;
  }

  Transferred transfer(TransferJob job, Consumer<Progress> progress) throws InstallFailure {
    try (DmsClient dms = connect(job.dpu(), job.timeouts())) {
      progress.accept(new Progress(DPUInstallStep.TRANSFERRING_BFB, 0, size(job.bfbFile()), false));
      dms.setDpuMode();
      InstallResult bfb = dms.installFile(job.bfbVersion(), job.bfbFile(),
          p -> progress.accept(new Progress(DPUInstallStep.TRANSFERRING_BFB, p.bytesReceived(), p.totalBytes(),
              false)));
      LOG.atInfo().addKeyValue("dpu", job.dpu()).addKeyValue("version", job.bfbVersion())
          .addKeyValue("transferred", bfb.transferred()).addKeyValue("bytes", bfb.bytes())
          .log("BFB on the DMS of " + job.dpu());
      progress.accept(new Progress(DPUInstallStep.TRANSFERRING_BF_CFG, bfb.bytes(), bfb.bytes(), false));
      byte[] bfCfg = renderBfCfg(job);
      LOG.atDebug().addKeyValue("dpu", job.dpu()).log("bf.cfg rendered for " + job.dpu() + ": " + bfCfg.length
          + " bytes");
      deleteStaleBfCfg(job.cfgVersion());
      dms.installBytes(job.cfgVersion(), bfCfg, null);
      String previous = runningVersion(dms);
      LOG.atInfo().addKeyValue("dpu", job.dpu()).log("BFB and bf.cfg on the DMS of " + job.dpu()
          + "; running version before activation: \"" + previous + "\"");
      return new Transferred(bfb.transferred(), bfb.bytes(), previous);
    } catch (Exception e) {
      throw InstallFailure.of(e);
    }
  }

  Activated activate(ActivateJob job, Consumer<Progress> progress) throws InstallFailure {
    try (DmsClient dms = connect(job.dpu(), job.timeouts())) {
      Instant deadline = Instant.now().plus(job.timeouts().activation());
      boolean sent = false;
      if (!job.alreadyActivated()) {
        RebootState state = dms.rebootStatus();
        if (state.active()) {
          LOG.atInfo().addKeyValue("dpu", job.dpu()).log("an activation is already in progress on DMS; not sending "
              + "another one");
        } else {
          String running = runningVersion(dms);
          boolean alreadyDone = running != null && running.equals(job.version()) && job.previousVersion() != null
              && !job.previousVersion().equals(job.version()) && state.outcome() == RebootState.Outcome.SUCCESS;
          if (alreadyDone) {
            LOG.atInfo().addKeyValue("dpu", job.dpu()).addKeyValue("version", running)
                .log("DMS already runs the version of this installation; not activating again");
            progress.accept(new Progress(DPUInstallStep.DPU_REBOOTING, 0, 0, true));
            return new Activated(false, state);
          }
          dms.activate(job.version(), deadline);
          sent = true;
          LOG.atInfo().addKeyValue("dpu", job.dpu()).log("DMS accepted the activation of " + job.version() + " on "
              + job.dpu());
        }
      }
      progress.accept(new Progress(DPUInstallStep.DPU_REBOOTING, 0, 0, true));
      RebootState end = dms.awaitReboot(deadline);
      return new Activated(sent, end);
    } catch (Exception e) {
      throw InstallFailure.of(e);
    }
  }

  /** One RebootStatus call: is an activation running on the DPU's DMS? False when DMS cannot be asked. */
  boolean activationInProgress(DpuRef dpu, DmsTimeouts timeouts) {
    try (DmsClient dms = connect(dpu, timeouts)) {
      return dms.rebootStatus().active();
    } catch (InstallFailure | DmsException e) {
      LOG.atInfo().addKeyValue("dpu", dpu).addKeyValue("error", e.getMessage())
          .log("cannot ask DMS whether an activation runs");
      return false;
    }
  }

  private DmsClient connect(DpuRef dpu, DmsTimeouts timeouts) throws InstallFailure {
    DmsAddress address = endpoints.address(dpu).orElseThrow(() -> new InstallFailure("the DMS of DPU " + dpu
        + " has no address yet (pod " + dpu.namespace() + "/" + dpu.dmsPodName() + " not running)", false, null));
    Secret clientSecret = client.secrets().inNamespace(dpu.namespace()).withName(DmsTls.CLIENT_SECRET).get();
    Secret serverSecret = client.secrets().inNamespace(dpu.namespace()).withName(dpu.name() + "-server-secret").get();
    return DmsClient.connect(address, DmsTls.fromSecrets(clientSecret, serverSecret), timeouts);
  }

  private byte[] renderBfCfg(TransferJob job) throws Exception {
    var flavor = resources.flavorByName(job.flavorNamespace(), job.flavorName());
    KubeadmJoin.JoinCommand command = join.create(job.cluster());
    BfCfgInput input = BfCfgInput.forDpu(job.dpu().name(), command.command(), job.dpuAnnotations(),
        job.nodeAnnotations());
    return BfCfgRenderer.render(flavor.getSpec(), input);
  }

  private void deleteStaleBfCfg(String cfgVersion) throws InstallFailure {
    try {
      Files.deleteIfExists(volume.file(cfgVersion));
    } catch (IOException | RuntimeException e) {
      throw new InstallFailure("removing the stale " + cfgVersion + " from the BFB volume failed: " + e.getMessage(),
          false, e);
    }
  }

  /**
   * OS.Verify ("" when nothing was activated yet); null when DMS cannot tell (older DMS, error): the activation is
   * then never assumed done.
   */
  private static String runningVersion(DmsClient dms) {
    try {
      String v = dms.runningVersion();
      return v == null ? "" : v;
    } catch (DmsException e) {
      if (e.reason() == DmsException.Reason.CANCELLED) {
        throw e;
      }
      return null;
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
