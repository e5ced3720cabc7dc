package dev.dpf.provisioning.bfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dpf.api.common.Conditions;
import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.provisioning.v1alpha1.BFBPhase;
import dev.dpf.api.provisioning.v1alpha1.BFBSpec;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.common.testing.ControllerHarness;
import dev.dpf.provisioning.ProvisioningModule;
import dev.dpf.testing.Edits;
import dev.dpf.testing.KubeTest;
import dev.dpf.testing.KubeTestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The BFB controller against the real API server and a real HTTP server on loopback. */
@KubeTest
class BfbReconcilerTest {

  static final int SIZE = 4 * 1024 * 1024 + 123;

  BfbHttpServer server;
  ControllerHarness harness;
  KubernetesClient client;
  Path volume;

  @BeforeEach
  void start(KubeTestContext kube) throws Exception {
    server = new BfbHttpServer();
    harness = ControllerHarness.start(kube, new ProvisioningModule()::register);
    client = kube.client();
    volume = harness.context().settings().bfbDir();
  }

  @AfterEach
  void stop() {
    harness.close();
    server.close();
  }

  @Test
  void downloadsByteExactWithProgressAndEvent() throws Exception {
    String sha = server.add("bf-bundle-2.9.1.bfb", SIZE);
    BFB bfb = create("bf-bundle", server.url("slow", "bf-bundle-2.9.1.bfb"), null);
    String ns = bfb.getMetadata().getNamespace();
    List<Long> seenBytes = new ArrayList<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      BFB current = get("bf-bundle");
      if (current.getStatus() != null && current.getStatus().getDownload() != null) {
        seenBytes.add(current.getStatus().getDownload().getBytes());
      }
      assertThat(current.getStatus().getPhase()).isEqualTo(BFBPhase.READY);
    });
    BFB ready = get("bf-bundle");
    Path file = volume.resolve(ns + "-bf-bundle.bfb");
    assertThat(file).exists();
    assertThat(sha256(file)).isEqualTo(sha);
    assertThat(ready.getStatus().getFileName()).isEqualTo(ns + "-bf-bundle.bfb");
    assertThat(ready.getStatus().getDownload().getSha256()).isEqualTo(sha);
    assertThat(ready.getStatus().getDownload().getPercent()).isEqualTo(100);
    assertThat(ready.getStatus().getDownload().getTotalBytes()).isEqualTo(SIZE);
    assertThat(seenBytes).as("progress observed while downloading").anyMatch(b -> b > 0 && b < SIZE);
    assertThat(condition(ready, Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
    assertNoTempFiles();
    assertThat(events("SuccessfulDownload")).isNotEmpty();
  }

  @Test
  void followsRedirectsAndVerifiesChecksum() throws Exception {
    String sha = server.add("redir.bfb", 1024 * 1024);
    create("redir", server.url("redirect", "redir.bfb"), "sha256:" + sha);
    awaitPhase("redir", BFBPhase.READY);
    assertThat(get("redir").getStatus().getDownload().getSha256()).isEqualTo(sha);
  }

  @Test
  void notFoundEndsInErrorWithRedactedUrlAndNoFile() throws Exception {
    server.add("gone.bfb", 1000);
    create("gone", server.urlWithCredentials("missing", "gone.bfb"), null);
    BFB failed = awaitPhase("gone", BFBPhase.ERROR);
    Condition downloaded = condition(failed, BfbReconciler.DOWNLOADED);
    assertThat(downloaded.getStatus()).isEqualTo("False");
    assertThat(downloaded.getReason()).isEqualTo(Conditions.REASON_FAILURE);
    assertThat(downloaded.getMessage()).contains("status: 404").contains("/missing/gone.bfb")
        .doesNotContain("s3cret").doesNotContain("admin:");
    assertThat(condition(failed, Conditions.READY).getStatus()).isEqualTo("False");
    assertThat(events("FailedDownload")).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    assertThat(events("FailedDownload")).isNotEmpty();
    assertThat(volumeFiles()).isEmpty();
  }

  @Test
  void untrustedTlsEndsInError() throws Exception {
    server.add("tls.bfb", 1000);
    create("tls", server.httpsUrl("tls.bfb"), null);
    BFB failed = awaitPhase("tls", BFBPhase.ERROR);
    assertThat(condition(failed, BfbReconciler.DOWNLOADED).getMessage()).contains("TLS");
    assertThat(volumeFiles()).isEmpty();
  }

  @Test
  void truncatedBodyEndsInErrorWithoutPartialFile() throws Exception {
    server.add("short.bfb", SIZE);
    create("short", server.url("truncated", "short.bfb"), null);
    BFB failed = awaitPhase("short", BFBPhase.ERROR);
    assertThat(condition(failed, BfbReconciler.DOWNLOADED).getMessage()).containsAnyOf("truncated", "interrupted");
    assertThat(volumeFiles()).isEmpty();
  }

  @Test
  void checksumMismatchEndsInErrorWithoutFile() throws Exception {
    server.add("bad.bfb", 200_000);
    create("bad", server.url("ok", "bad.bfb"), "sha256:" + "0".repeat(64));
    BFB failed = awaitPhase("bad", BFBPhase.ERROR);
    assertThat(condition(failed, BfbReconciler.DOWNLOADED).getMessage()).contains("checksum mismatch");
    assertThat(volumeFiles()).isEmpty();
  }

  @Test
  void fullDiskEndsInErrorWithoutFile(KubeTestContext kube) throws Exception {
    Path small = Files.createTempDirectory("dpf-full-");
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString())
        .redirectErrorStream(true).start();
    Assumptions.assumeTrue(mount.waitFor() == 0, "tmpfs mount not permitted here");
    try (ControllerHarness full = ControllerHarness.start(kube, s -> s.withBfbDir(small),
        new ProvisioningModule()::register)) {
      harness.close();
      server.add("big.bfb", 3 * 1024 * 1024);
      create("big", server.url("ok", "big.bfb"), null);
      BFB failed = awaitPhase("big", BFBPhase.ERROR);
      assertThat(condition(failed, BfbReconciler.DOWNLOADED).getMessage()).contains("No space left on device");
      try (Stream<Path> files = Files.list(small)) {
        assertThat(files.toList()).isEmpty();
      }
    } finally {
      new ProcessBuilder("umount", small.toString()).start().waitFor();
      harness = ControllerHarness.start(kube, new ProvisioningModule()::register);
    }
  }

  @Test
  void retryAnnotationRestartsAFailedDownload() throws Exception {
    create("later", server.url("ok", "later.bfb"), null);
    awaitPhase("later", BFBPhase.ERROR);
    server.add("later.bfb", 100_000);
    Edits.edit(client.resources(BFB.class).withName("later"), b -> {
      b.getMetadata().setAnnotations(Map.of(BfbReconciler.RETRY_ANNOTATION, "now"));
      return b;
    });
    awaitPhase("later", BFBPhase.READY);
    assertThat(get("later").getMetadata().getAnnotations()).doesNotContainKey(BfbReconciler.RETRY_ANNOTATION);
  }

  @Test
  void existingFileIsAdoptedWithoutDownloading() throws Exception {
    String ns = client.getNamespace();
    Files.writeString(volume.resolve(ns + "-present.bfb"), "already here");
    create("present", server.url("ok", "present.bfb"), null);
    awaitPhase("present", BFBPhase.READY);
    assertThat(server.requests.get()).isZero();
  }

  @Test
  void deletionRemovesTheFileUnlessAnotherBfbSharesIt() throws Exception {
    server.add("shared.bfb", 50_000);
    create("one", server.url("ok", "shared.bfb"), null, "shared.bfb");
    create("two", server.url("ok", "shared.bfb"), null, "shared.bfb");
    awaitPhase("one", BFBPhase.READY);
    awaitPhase("two", BFBPhase.READY);
    client.resources(BFB.class).withName("one").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> get("one") == null);
    assertThat(volume.resolve("shared.bfb")).exists();
    client.resources(BFB.class).withName("two").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> get("two") == null);
    assertThat(volume.resolve("shared.bfb")).doesNotExist();
  }

  @Test
  void sameFileNameWithADifferentUrlIsRefused() throws Exception {
    server.add("a.bfb", 10_000);
    server.add("b.bfb", 10_000);
    create("first", server.url("ok", "a.bfb"), null, "same.bfb");
    awaitPhase("first", BFBPhase.READY);
    create("second", server.url("ok", "b.bfb"), null, "same.bfb");
    BFB failed = awaitPhase("second", BFBPhase.ERROR);
    assertThat(condition(failed, BfbReconciler.DOWNLOADED).getMessage())
        .contains("already used by BFB").contains("/first");
  }

  // --- helpers

  BFB create(String name, String url, String checksum) {
    return create(name, url, checksum, null);
  }

  BFB create(String name, String url, String checksum, String fileName) {
    BFB bfb = new BFB();
    bfb.getMetadata().setName(name);
    BFBSpec spec = new BFBSpec();
    spec.setUrl(url);
    spec.setChecksum(checksum);
    spec.setFileName(fileName);
    bfb.setSpec(spec);
    return client.resource(bfb).create();
  }

  BFB get(String name) {
    return client.resources(BFB.class).withName(name).get();
  }

  BFB awaitPhase(String name, BFBPhase phase) {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      BFB b = get(name);
      assertThat(b.getStatus()).isNotNull();
      assertThat(b.getStatus().getPhase()).isEqualTo(phase);
    });
    return get(name);
  }

  static Condition condition(BFB bfb, String type) {
    return StatusConditions.find(bfb.getStatus(), type).orElseThrow();
  }

  List<Event> events(String reason) {
    return client.v1().events().list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
  }

  List<Path> volumeFiles() throws Exception {
    try (Stream<Path> files = Files.list(volume)) {
      return files.toList();
    }
  }

  void assertNoTempFiles() throws Exception {
    assertThat(volumeFiles()).noneMatch(p -> p.getFileName().toString().startsWith("bfb-"));
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
