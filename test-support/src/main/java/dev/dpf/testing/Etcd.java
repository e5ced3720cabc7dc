package dev.dpf.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A single-member etcd on loopback, shared by the local API servers (each uses its own key prefix). */
public final class Etcd implements AutoCloseable {

  private final ManagedProcess process;
  private final int clientPort;

  private Etcd(ManagedProcess process, int clientPort) {
    this.process = process;
    this.clientPort = clientPort;
  }

  public static Etcd start(Path workDir) {
    int clientPort = Ports.free();
    int peerPort = Ports.free();
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    ManagedProcess process = ManagedProcess.start("etcd", List.of(
        ControlPlaneAssets.binary("etcd").toString(),
        "--name=default",
        "--data-dir=" + workDir.resolve("etcd-data"),
        "--listen-client-urls=" + client,
        "--advertise-client-urls=" + client,
        "--listen-peer-urls=" + peer,
        "--initial-advertise-peer-urls=" + peer,
        "--initial-cluster=default=" + peer,
        "--unsafe-no-fsync=true",
        "--quota-backend-bytes=4294967296",
        "--log-level=warn"), workDir.resolve("etcd.log"));
    Etcd etcd = new Etcd(process, clientPort);
    etcd.awaitHealthy();
    return etcd;
  }

  public String url() {
    return "http://127.0.0.1:" + clientPort;
  }

  public ManagedProcess process() {
    return process;
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      process.checkAlive();
      try {
        HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(URI.create(url() + "/health")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("true")) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(100);
    }
    throw new IllegalStateException("etcd did not become healthy:\n" + process.tail(30));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
