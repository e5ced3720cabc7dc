package dev.dpf.dpusim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.dms.DmsClient;
import dev.dpf.dms.DmsTimeouts;
import dev.dpf.dms.DpuRef;
import dev.dpf.dms.InstallProgress;
import dev.dpf.dms.InstallResult;
import dev.dpf.dms.RebootState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole DPF flash sequence over real gRPC with mTLS on loopback, client against simulator. */
class FlashTest {

  static final DmsTimeouts TIMEOUTS = DmsTimeouts.fromDmsTimeout(10)
      .withPollInterval(Duration.ofMillis(50))
      .withActivateRetries(10, Duration.ofMillis(10));

  @TempDir
  Path dir;
  private Fleet fleet;
  private SimulatedDpu dpu;
  private final List<DmsSimulator.BootEvent> boots = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    fleet = Fleet.builder().rebootTime(Duration.ofMillis(300)).build();
    dpu = fleet.addDpu("dpu-a", "host-a");
  }

  @AfterEach
  void stop() {
    fleet.close();
  }

  @Test
  void flashesAMultiMegabyteImageByteExactWithProgress() throws Exception {
    Path bfb = dir.resolve("bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb");
    String sha256 = writeRandom(bfb, 6 * 1024 * 1024 + 12345);
    dpu.dms().progressEveryBytes(1024 * 1024);
    String cfg = "hostnamectl set-hostname dpu-a\n";
    List<InstallProgress> progress = new CopyOnWriteArrayList<>();

    try (DmsClient client = DmsClient.connect(fleet.endpoints().address(new DpuRef("ns", "dpu-a")).orElseThrow(),
        fleet.clientTls(), TIMEOUTS)) {
      client.setDpuMode();
      InstallResult image = client.installFile(bfb.getFileName().toString(), bfb, progress::add);
      InstallResult config = client.installBytes("dpu-a.cfg", cfg.getBytes(StandardCharsets.UTF_8), null);
      RebootState state = client.activateAndAwaitReboot(bfb.getFileName() + ";dpu-a.cfg");

      assertThat(image.transferred()).isTrue();
      assertThat(image.bytes()).isEqualTo(Files.size(bfb));
      assertThat(config.transferred()).isTrue();
      assertThat(state.outcome()).isEqualTo(RebootState.Outcome.SUCCESS);
      assertThat(client.runningVersion()).isEqualTo(bfb.getFileName() + ";dpu-a.cfg");
    }

    StoredImage stored = dpu.dms().images().get(bfb.getFileName().toString());
    assertThat(stored.sha256()).isEqualTo(sha256);
    assertThat(stored.size()).isEqualTo(Files.size(bfb));
    assertThat(dpu.dms().bfCfg("dpu-a.cfg")).contains(cfg);
    assertThat(dpu.dms().mode()).contains("DPU");
    long size = Files.size(bfb);
    assertThat(progress).hasSizeGreaterThanOrEqualTo(6)
        .allMatch(p -> p.totalBytes() == size && p.bytesReceived() <= p.bytesSent());
    assertThat(progress).extracting(InstallProgress::bytesReceived).isSorted();
    DmsSimulator.Stats stats = dpu.dms().stats();
    assertThat(stats.installs()).isEqualTo(2);
    assertThat(stats.activations()).isEqualTo(1);
    assertThat(stats.reboots()).isEqualTo(1);
    assertThat(stats.setCalls()).isEqualTo(1);
    assertThat(stats.bytesReceived()).isEqualTo(size + cfg.length());
  }

  @Test
  void knownImageIsValidatedWithoutTransferButBfCfgIsAlwaysTransferred() throws Exception {
    Path bfb = dir.resolve("x.bfb");
    writeRandom(bfb, 200_000);
    try (DmsClient client = DmsClient.connect(dpu.dms().address(), fleet.clientTls(), TIMEOUTS)) {
      client.installFile("x.bfb", bfb, null);
      client.installBytes("dpu-a.cfg", "a".getBytes(StandardCharsets.UTF_8), null);

      assertThat(client.installFile("x.bfb", bfb, null).transferred()).isFalse();
      assertThat(client.installBytes("dpu-a.cfg", "b".getBytes(StandardCharsets.UTF_8), null).transferred()).isTrue();
    }
    assertThat(dpu.dms().stats().installsValidatedWithoutTransfer()).isEqualTo(1);
    assertThat(dpu.dms().bfCfg("dpu-a.cfg")).contains("b");
  }

  @Test
  void sharedImageFolderBehavesLikeDmsOnTheBfbVolume() throws Exception {
    Path volume = Files.createDirectories(dir.resolve("bfb"));
    try (Fleet shared = Fleet.builder().imageFolder(volume).rebootTime(Duration.ofMillis(100)).build()) {
      SimulatedDpu other = shared.addDpu("dpu-b", "host-b");
      Path bfb = volume.resolve("x.bfb");
      writeRandom(bfb, 100_000);
      try (DmsClient client = DmsClient.connect(other.dms().address(), shared.clientTls(), TIMEOUTS)) {
        // the BFB is already on the volume: validated at once, as with DPF v24.10
        assertThat(client.installFile("x.bfb", bfb, null).transferred()).isFalse();
        assertThat(client.installBytes("dpu-b.cfg", "v1".getBytes(StandardCharsets.UTF_8), null).transferred())
            .isTrue();
        assertThat(volume.resolve("dpu-b.cfg")).hasContent("v1");
        // the controller deletes the stale cfg before installing a new one
        Files.delete(volume.resolve("dpu-b.cfg"));
        assertThat(client.installBytes("dpu-b.cfg", "v2".getBytes(StandardCharsets.UTF_8), null).transferred())
            .isTrue();
        assertThat(client.activateAndAwaitReboot("x.bfb;dpu-b.cfg").outcome())
            .isEqualTo(RebootState.Outcome.SUCCESS);
      }
      assertThat(volume.resolve("dpu-b.cfg")).hasContent("v2");
    }
  }

  /** Writes {@code size} random bytes without holding them in memory; returns the hex SHA-256. */
  static String writeRandom(Path file, long size) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      Random random = new Random(size);
      byte[] buffer = new byte[1 << 16];
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
        for (long left = size; left > 0; left -= buffer.length) {
          random.nextBytes(buffer);
          out.write(buffer, 0, (int) Math.min(buffer.length, left));
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
