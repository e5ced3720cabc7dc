package dev.dpf.dpusim;

import dev.dpf.dms.DmsClient;
import dev.dpf.dms.DmsTimeouts;
import dev.dpf.dms.DpuRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Flashes N simulated DPUs at once over real gRPC + mTLS on loopback and prints throughput and latencies. Not run by
 * the test suite. Arguments: {@code [dpus=20] [imageMiB=64] [parallel=8]}, e.g.
 * {@code java -cp ... dev.dpf.dpusim.FleetFlashBenchmark 50 128 10}.
 */
public final class FleetFlashBenchmark {

  private FleetFlashBenchmark() {}

  public static void main(String[] args) throws Exception {
    int dpus = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    long mib = args.length > 1 ? Long.parseLong(args[1]) : 64;
    int parallel = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path dir = Files.createTempDirectory("dpu-sim-bench");
    Path bfb = dir.resolve("bench.bfb");
    FlashTest.writeRandom(bfb, mib * 1024 * 1024);
    DmsTimeouts timeouts = DmsTimeouts.defaults().withPollInterval(Duration.ofMillis(100));
    long setupStart = System.nanoTime();
    try (Fleet fleet = Fleet.builder().rebootTime(Duration.ofMillis(200)).build()) {
      fleet.addDpus(dpus, "bench");
      System.out.printf("fleet of %d DPUs started in %d ms%n", dpus, (System.nanoTime() - setupStart) / 1_000_000);
      ExecutorService pool = Executors.newFixedThreadPool(parallel);
      List<Future<Long>> results = new ArrayList<>();
      long start = System.nanoTime();
      for (SimulatedDpu dpu : fleet.dpus()) {
        results.add(pool.submit(() -> {
          long t0 = System.nanoTime();
          try (DmsClient client = DmsClient.connect(
              fleet.endpoints().address(new DpuRef("bench", dpu.name())).orElseThrow(), fleet.clientTls(),
              timeouts)) {
            client.setDpuMode();
            client.installFile("bench.bfb", bfb, null);
            client.installBytes(dpu.name() + ".cfg", "x".getBytes(StandardCharsets.UTF_8), null);
            client.activateAndAwaitReboot("bench.bfb;" + dpu.name() + ".cfg");
          }
          return System.nanoTime() - t0;
        }));
      }
      List<Long> millis = new ArrayList<>();
      for (Future<Long> result : results) {
        millis.add(result.get() / 1_000_000);
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - start) / 1e9;
      millis.sort(Long::compare);
      System.out.printf("flashed %d x %d MiB in %.1f s: %.0f MiB/s aggregate, per DPU p50 %d ms, max %d ms"
          + " (includes %d ms simulated reboot)%n", dpus, mib, seconds, dpus * mib / seconds,
          millis.get(millis.size() / 2), millis.get(millis.size() - 1), 200);
    } finally {
      Files.deleteIfExists(bfb);
      Files.deleteIfExists(dir);
    }
  }
}
