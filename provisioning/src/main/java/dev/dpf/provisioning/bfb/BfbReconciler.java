package dev.dpf.provisioning.bfb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.BFBDownload;
import dev.dpf.api.provisioning.v1alpha1.BFBPhase;
import dev.dpf.api.provisioning.v1alpha1.BFBStatus;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.rbac.Rbac;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.status.Statuses;
import dev.dpf.common.util.Urls;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BFB controller: downloads the image once into the BFB volume and keeps it there while the object exists.
 *
 * <p>Phases (exact upstream strings): Initializing → Downloading → Ready, or Error; Deleting while the finalizer
 * {@code provisioning.dpu.nvidia.com/bfb-protection} removes the file. An existing file with the effective name is
 * adopted without downloading (verified when {@code spec.checksum} is set). Error is terminal as upstream; the
 * annotation {@value #RETRY_ANNOTATION} on a BFB in Error starts the download again. Downloads run in the
 * background ({@link BfbDownloads}) and report progress through an event source, so reconciles never block.
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"bfbs"},
    verbs = {"get", "list", "watch", "update", "patch"})
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"bfbs/status", "bfbs/finalizers"},
    verbs = {"get", "update", "patch"})
@ControllerConfiguration(name = "bfb", finalizerName = BFB.FINALIZER, fieldManager = "bfb-controller",
    generationAwareEventProcessing = false)
public class BfbReconciler implements Reconciler<BFB>, Cleaner<BFB> {

  /** Annotation that retries a BFB in phase Error (an extension; upstream requires re-creating the object). */
  public static final String RETRY_ANNOTATION = "provisioning.dpu.nvidia.com/retry";

  public static final String INITIALIZED = "Initialized";
  public static final String DOWNLOADED = "Downloaded";
  public static final List<String> CONDITIONS = List.of(Conditions.READY, INITIALIZED, DOWNLOADED);

  static final String EVENT_SUCCESSFUL_DOWNLOAD = "SuccessfulDownload";
  static final String EVENT_FAILED_DOWNLOAD = "FailedDownload";
  static final String EVENT_FAILED_DELETE = "FailedDelete";

  private static final Logger LOG = LoggerFactory.getLogger(BfbReconciler.class);

  private final BfbVolume volume;
  private final BfbDownloads downloads;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final BfbUsage usage;
  private final SimpleInboundEventSource<BFB> progressEvents = new SimpleInboundEventSource<>("bfb-progress");

  /**
   * @param usage tells which DPUs still use a BFB (deletion waits for them)
   */
  public BfbReconciler(BfbVolume volume, BfbDownloads downloads, StatusConditions conditions, EventRecorder events,
      BfbUsage usage) {
    this.volume = volume;
    this.downloads = downloads;
    this.conditions = conditions;
    this.events = events;
    this.usage = usage;
    downloads.onProgress(progressEvents::propagateEvent);
  }

  @Override
  public List<EventSource<?, BFB>> prepareEventSources(EventSourceContext<BFB> context) {
    List<EventSource<?, BFB>> sources = new ArrayList<>();
    sources.add(progressEvents);
    sources.addAll(usage.eventSources(context));
    return sources;
  }

  @Override
  public UpdateControl<BFB> reconcile(BFB bfb, Context<BFB> context) {
    JsonNode before = Statuses.snapshot(bfb.getStatus());
    BFBStatus status = bfb.getStatus() == null ? new BFBStatus() : Statuses.copy(bfb.getStatus());
    bfb.setStatus(status);
    Long generation = bfb.getMetadata().getGeneration();
    conditions.ensure(status, CONDITIONS, generation);
    String fileName = bfb.effectiveFileName();
    status.setFileName(fileName);
    if (bfb.getSpec().getVersions() != null) {
      status.setVersions(bfb.getSpec().getVersions());
    }
    if (status.getPhase() == null || status.getPhase() == BFBPhase.INITIALIZING) {
      conditions.setTrue(status, INITIALIZED, generation);
      status.setPhase(BFBPhase.DOWNLOADING);
    }
    switch (status.getPhase()) {
      case READY -> {
        if (!volume.exists(fileName)) {
          LOG.atWarn().addKeyValue("file", fileName).log("BFB file disappeared; downloading it again");
          status.setPhase(BFBPhase.DOWNLOADING);
          status.setDownload(null);
          downloading(bfb, status, context);
        }
      }
      case ERROR -> {
        String retry = annotation(bfb, RETRY_ANNOTATION);
        if (downloads.get(key(bfb)).isPresent()) {
          // a retry whose status write did not land yet
          status.setPhase(BFBPhase.DOWNLOADING);
          downloading(bfb, status, context);
        } else if (retry != null) {
          context.getClient().resource(bfb).edit(b -> {
            b.getMetadata().getAnnotations().remove(RETRY_ANNOTATION);
            return b;
          });
          events.normal(bfb, "Retry", "Retrying the download of " + Urls.redact(bfb.getSpec().getUrl()));
          status.setPhase(BFBPhase.DOWNLOADING);
          status.setDownload(null);
          downloading(bfb, status, context);
        }
      }
      case DOWNLOADING -> downloading(bfb, status, context);
      default -> {
        // Deleting is driven by cleanup
      }
    }
    conditions.summarize(status, generation);
    return Statuses.update(bfb, before);
  }

  private void downloading(BFB bfb, BFBStatus status, Context<BFB> context) {
    Long generation = bfb.getMetadata().getGeneration();
    String fileName = status.getFileName();
    Optional<BFB> conflict = conflictingOwner(bfb, context);
    if (conflict.isPresent()) {
      fail(bfb, status, "file name " + fileName + " is already used by BFB " + conflict.get().getMetadata()
          .getNamespace() + "/" + conflict.get().getMetadata().getName() + " with a different URL");
      return;
    }
    String key = key(bfb);
    Optional<BfbDownloads.Task> task = downloads.get(key);
    if (task.isEmpty()) {
      boolean exists = volume.exists(fileName);
      String expected = expectedSha256(bfb);
      if (exists && expected == null) {
        ready(bfb, status, null, fileSize(fileName));
        return;
      }
      downloads.start(new BfbDownloads.Request(key, ResourceID.fromResource(bfb), bfb.getSpec().getUrl(),
          volume.file(fileName), volume.tempFile(bfb.getMetadata().getUid()), expected, exists));
      conditions.setFalse(status, DOWNLOADED, Conditions.REASON_PENDING,
          (exists ? "verifying " : "downloading ") + Urls.redact(bfb.getSpec().getUrl()), generation);
      return;
    }
    BfbDownloads.Task t = task.get();
    if (!t.isDone()) {
      status.setDownload(progress(t.bytes(), t.total(), null));
      conditions.setFalse(status, DOWNLOADED, Conditions.REASON_PENDING, progressMessage(bfb, t), generation);
      return;
    }
    downloads.forget(key);
    try {
      HttpDownloader.Result result = t.result();
      ready(bfb, status, result.sha256(), result.bytes());
    } catch (DownloadException e) {
      fail(bfb, status, e.getMessage());
    }
  }

  private void ready(BFB bfb, BFBStatus status, String sha256, long bytes) {
    status.setPhase(BFBPhase.READY);
    status.setDownload(progress(bytes, bytes, sha256));
    conditions.setTrue(status, DOWNLOADED, bfb.getMetadata().getGeneration());
    events.normal(bfb, EVENT_SUCCESSFUL_DOWNLOAD, "Download BFB: (" + bfb.getMetadata().getNamespace() + "/"
        + bfb.getMetadata().getName() + ") successful");
  }

  private void fail(BFB bfb, BFBStatus status, String message) {
    status.setPhase(BFBPhase.ERROR);
    conditions.setFalse(status, DOWNLOADED, Conditions.REASON_FAILURE, message, bfb.getMetadata().getGeneration());
    events.warning(bfb, EVENT_FAILED_DOWNLOAD, "Download BFB: (" + bfb.getMetadata().getNamespace() + "/"
        + bfb.getMetadata().getName() + ") failed with error :" + message);
    LOG.atWarn().addKeyValue("error", message).log("BFB download failed");
  }

  @Override
  public DeleteControl cleanup(BFB bfb, Context<BFB> context) {
    downloads.cancel(key(bfb));
    List<String> users = usage.dpusUsing(bfb, context);
    if (!users.isEmpty()) {
      markDeleting(bfb, context, "BFB is used by DPU(s) " + users + "; waiting for them to be deleted");
      return DeleteControl.noFinalizerRemoval();
    }
    String fileName = bfb.effectiveFileName();
    boolean shared = context.getPrimaryCache().list()
        .anyMatch(other -> !other.getMetadata().getUid().equals(bfb.getMetadata().getUid())
            && other.getMetadata().getDeletionTimestamp() == null
            && fileName.equals(other.effectiveFileName()));
    try {
      Files.deleteIfExists(volume.tempFile(bfb.getMetadata().getUid()));
      if (!shared) {
        Files.deleteIfExists(volume.file(fileName));
      }
    } catch (IOException e) {
      events.warning(bfb, EVENT_FAILED_DELETE, "Deleting BFB: (" + bfb.getMetadata().getNamespace() + "/"
          + bfb.getMetadata().getName() + ") failed");
      markDeleting(bfb, context, "removing " + fileName + " failed: " + e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(10_000);
    }
    return DeleteControl.defaultDelete();
  }

  private void markDeleting(BFB bfb, Context<BFB> context, String message) {
    BFBStatus status = bfb.getStatus() == null ? new BFBStatus() : Statuses.copy(bfb.getStatus());
    JsonNode before = Statuses.snapshot(bfb.getStatus());
    status.setPhase(BFBPhase.DELETING);
    conditions.setFalse(status, Conditions.READY, Conditions.REASON_AWAITING_DELETION, message,
        bfb.getMetadata().getGeneration());
    bfb.setStatus(status);
    if (Statuses.changed(before, status)) {
      context.getClient().resource(Statuses.statusPatch(bfb)).updateStatus();
    }
  }

  /** The older BFB that owns this one's file name with a different URL, if any (upstream quirk Q3 made an error). */
  private static Optional<BFB> conflictingOwner(BFB bfb, Context<BFB> context) {
    String fileName = bfb.effectiveFileName();
    return context.getPrimaryCache().list()
        .filter(other -> !other.getMetadata().getUid().equals(bfb.getMetadata().getUid()))
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
        .filter(other -> fileName.equals(other.effectiveFileName()))
        .filter(other -> !other.getSpec().getUrl().equals(bfb.getSpec().getUrl()))
        .filter(other -> olderThan(other, bfb))
        .min(Comparator.comparing(o -> o.getMetadata().getCreationTimestamp()));
  }

  private static boolean olderThan(BFB a, BFB b) {
    int c = a.getMetadata().getCreationTimestamp().compareTo(b.getMetadata().getCreationTimestamp());
    if (c != 0) {
      return c < 0;
    }
    return (a.getMetadata().getNamespace() + "/" + a.getMetadata().getName())
        .compareTo(b.getMetadata().getNamespace() + "/" + b.getMetadata().getName()) < 0;
  }

  private static String expectedSha256(BFB bfb) {
    String checksum = bfb.getSpec().getChecksum();
    return checksum == null || checksum.isEmpty() ? null : checksum.substring("sha256:".length());
  }

  private long fileSize(String fileName) {
    try {
      return Files.size(volume.file(fileName));
    } catch (IOException e) {
      return 0;
    }
  }

  static BFBDownload progress(long bytes, long total, String sha256) {
    BFBDownload d = new BFBDownload();
    d.setBytes(bytes);
    if (total >= 0) {
      d.setTotalBytes(total);
      d.setPercent(total == 0 ? 100 : (int) Math.min(100, bytes * 100 / total));
    }
    d.setSha256(sha256);
    return d;
  }

  private static String progressMessage(BFB bfb, BfbDownloads.Task t) {
    String what = t.verifyOnly() ? "verifying " : "downloading ";
    if (t.total() > 0) {
      return what + Urls.redact(bfb.getSpec().getUrl()) + ": " + (t.bytes() * 100 / t.total()) + "% (" + t.bytes()
          + " of " + t.total() + " bytes)";
    }
    return what + Urls.redact(bfb.getSpec().getUrl()) + ": " + t.bytes() + " bytes";
  }

  static String key(BFB bfb) {
    return bfb.getMetadata().getNamespace() + "/" + bfb.getMetadata().getName() + "/" + bfb.getMetadata().getUid();
  }

  private static String annotation(BFB bfb, String key) {
    return bfb.getMetadata().getAnnotations() == null ? null : bfb.getMetadata().getAnnotations().get(key);
  }
}
