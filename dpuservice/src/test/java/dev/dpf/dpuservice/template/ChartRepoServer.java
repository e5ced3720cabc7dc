package dev.dpf.dpuservice.template;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.dpf.testing.Pki;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A Helm repository and OCI registry on loopback over HTTPS (own CA): {@code /charts/index.yaml} +
 * {@code /charts/doca-hbn-1.0.1.tgz}, and {@code /v2/charts/doca-hbn/manifests/1.0.1} behind a Bearer challenge
 * answered by {@code /token} (basic credentials user:s3cret).
 */
final class ChartRepoServer implements AutoCloseable {

  final Pki.CertKey ca = Pki.newCa("chart-repo-ca");
  final HttpsServer server;
  final byte[] chart;
  final String chartDigest;

  ChartRepoServer(String annotationsYaml) throws Exception {
    chart = tgz("doca-hbn/Chart.yaml", "apiVersion: v2\nname: doca-hbn\nversion: 1.0.1\n" + annotationsYaml);
    chartDigest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chart));
    Pki.CertKey serving = Pki.issue(ca, "CN=localhost", List.of("127.0.0.1", "localhost"), true, Duration.ofDays(1));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", serving.keyPair().getPrivate(), new char[0],
        new Certificate[] {serving.certificate(), ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, new char[0]);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.createContext("/", this::handle);
    server.start();
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** An SSL context that trusts this server's CA (what a cluster's CA bundle would do). */
  SSLContext clientSsl() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    byte[] body;
    int code = 200;
    switch (path) {
      case "/charts/index.yaml" -> body = ("apiVersion: v1\nentries:\n  doca-hbn:\n  - name: doca-hbn\n"
          + "    version: 1.0.1\n    urls: [doca-hbn-1.0.1.tgz]\n").getBytes(StandardCharsets.UTF_8);
      case "/charts/doca-hbn-1.0.1.tgz" -> body = chart;
      case "/token" -> {
        boolean ok = ("Basic " + java.util.Base64.getEncoder().encodeToString("user:s3cret".getBytes()))
            .equals(auth);
        code = ok ? 200 : 401;
        body = (ok ? "{\"token\":\"registry-token\"}" : "{}").getBytes(StandardCharsets.UTF_8);
      }
      case "/v2/charts/doca-hbn/manifests/1.0.1" -> {
        if (!"Bearer registry-token".equals(auth)) {
          ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"https://" + host()
              + "/token\",service=\"test\",scope=\"repository:charts/doca-hbn:pull\"");
          code = 401;
          body = new byte[0];
        } else {
          body = ("{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"" + HttpChartFetcher.HELM_LAYER
              + "\",\"digest\":\"" + chartDigest + "\",\"size\":" + chart.length + "}]}")
              .getBytes(StandardCharsets.UTF_8);
        }
      }
      default -> {
        if (path.equals("/v2/charts/doca-hbn/blobs/" + chartDigest) && "Bearer registry-token".equals(auth)) {
          body = chart;
        } else {
          code = 404;
          body = new byte[0];
        }
      }
    }
    ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  /** A gzip'd ustar archive with one file. */
  static byte[] tgz(String name, String content) throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", data.length));
    put(header, 136, String.format("%011o", 0));
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    tar.write(header);
    tar.write(data);
    tar.write(new byte[(512 - data.length % 512) % 512]);
    tar.write(new byte[1024]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      new ByteArrayInputStream(tar.toByteArray()).transferTo(gz);
    }
    return out.toByteArray();
  }

  private static void put(byte[] b, int off, String s) {
    byte[] v = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(v, 0, b, off, v.length);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
