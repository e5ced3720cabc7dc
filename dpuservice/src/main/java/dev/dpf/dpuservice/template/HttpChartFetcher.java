package dev.dpf.dpuservice.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpf.api.svc.v1alpha1.ApplicationSource;
import dev.dpf.common.util.Urls;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Pulls a chart over HTTPS and reads its annotations: classic Helm repositories ({@code https://}: {@code index.yaml},
 * then the chart archive it names) and OCI registries ({@code oci://}: the OCI distribution API, manifest then the
 * layer of media type {@code application/vnd.cncf.helm.chart.content.v1.tar+gzip}, with the registry's bearer-token
 * challenge answered anonymously or with basic credentials). Archives are capped at 16 MiB.
 */
public final class HttpChartFetcher implements ChartFetcher {

  static final String HELM_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  private static final String MANIFEST_TYPES = "application/vnd.oci.image.manifest.v1+json,"
      + "application/vnd.docker.distribution.manifest.v2+json";
  private static final long MAX_ARCHIVE = 16L << 20;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final HttpClient http;

  public HttpChartFetcher(SSLContext ssl) {
    this.http = HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** With the JVM's default trust store. */
  public static HttpChartFetcher withDefaultTrust() {
    try {
      return new HttpChartFetcher(SSLContext.getDefault());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Map<String, String> annotations(ApplicationSource source, Credentials credentials) throws IOException {
    if (source.getChart() == null || source.getChart().isEmpty()) {
      throw new IOException("spec.helmChart.source.chart is required to pull the chart");
    }
    byte[] archive = source.usesOci() ? pullOci(source, credentials) : pullRepo(source, credentials);
    return ChartArchive.annotations(archive);
  }

  private byte[] pullRepo(ApplicationSource source, Credentials credentials) throws IOException {
    String base = trimSlash(source.getRepoURL());
    byte[] indexBytes = get(URI.create(base + "/index.yaml"), basic(credentials), null).body();
    JsonNode index;
    try {
      index = SERIALIZATION.convertValue(SERIALIZATION.unmarshal(new String(indexBytes, StandardCharsets.UTF_8),
          Map.class), JsonNode.class);
    } catch (RuntimeException e) {
      throw new IOException("index.yaml of " + Urls.redact(base) + " is not valid YAML");
    }
    JsonNode entries = index.path("entries").path(source.getChart());
    for (JsonNode entry : entries) {
      if (source.getVersion().equals(entry.path("version").asText())) {
        String url = entry.path("urls").path(0).asText("");
        if (url.isEmpty()) {
          throw new IOException("chart " + source.getChart() + " version " + source.getVersion() + " has no URL in "
              + Urls.redact(base) + "/index.yaml");
        }
        URI archive = URI.create(base + "/").resolve(url);
        // credentials only go to the repository's own host
        Optional<String> auth = archive.getHost() != null && archive.getHost().equals(URI.create(base).getHost())
            ? basic(credentials) : Optional.empty();
        return get(archive, auth, null).body();
      }
    }
    throw new IOException("chart " + source.getChart() + " version " + source.getVersion() + " not found in "
        + Urls.redact(base) + "/index.yaml");
  }

  private byte[] pullOci(ApplicationSource source, Credentials credentials) throws IOException {
    String ref = trimSlash(source.getRepoURL().substring(ApplicationSource.OCI_PREFIX.length()));
    int slash = ref.indexOf('/');
    String registry = slash < 0 ? ref : ref.substring(0, slash);
    String repository = (slash < 0 ? "" : ref.substring(slash + 1) + "/") + source.getChart();
    URI manifestUri = URI.create("https://" + registry + "/v2/" + repository + "/manifests/" + source.getVersion());
    Optional<String> auth = Optional.empty();
    HttpResponse<byte[]> manifest = send(manifestUri, auth, MANIFEST_TYPES);
    if (manifest.statusCode() == 401) {
      auth = Optional.of("Bearer " + token(manifest, repository, credentials));
      manifest = send(manifestUri, auth, MANIFEST_TYPES);
    }
    check(manifestUri, manifest);
    JsonNode json = SERIALIZATION.unmarshal(new String(manifest.body(), StandardCharsets.UTF_8), JsonNode.class);
    for (JsonNode layer : json.path("layers")) {
      if (HELM_LAYER.equals(layer.path("mediaType").asText())) {
        String digest = layer.path("digest").asText();
        byte[] blob = get(URI.create("https://" + registry + "/v2/" + repository + "/blobs/" + digest), auth, null)
            .body();
        verify(digest, blob);
        return blob;
      }
    }
    throw new IOException("OCI artifact " + registry + "/" + repository + ":" + source.getVersion()
        + " has no Helm chart layer");
  }

  /** Answers a {@code WWW-Authenticate: Bearer realm=..,service=..,scope=..} challenge. */
  private String token(HttpResponse<byte[]> challenge, String repository, Credentials credentials) throws IOException {
    String header = challenge.headers().firstValue("WWW-Authenticate").orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new IOException("registry requires authentication (" + (header.isEmpty() ? "no challenge" : header)
          + ") with " + credentials);
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = CHALLENGE_PARAM.matcher(header);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw new IOException("registry bearer challenge has no realm");
    }
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
    url.append("scope=").append(enc(params.getOrDefault("scope", "repository:" + repository + ":pull")));
    if (params.containsKey("service")) {
      url.append("&service=").append(enc(params.get("service")));
    }
    JsonNode body = SERIALIZATION.unmarshal(new String(get(URI.create(url.toString()), basic(credentials), null)
        .body(), StandardCharsets.UTF_8), JsonNode.class);
    String token = body.path("token").asText(body.path("access_token").asText(""));
    if (token.isEmpty()) {
      throw new IOException("registry token endpoint returned no token");
    }
    return token;
  }

  private HttpResponse<byte[]> get(URI uri, Optional<String> auth, String accept) throws IOException {
    HttpResponse<byte[]> response = send(uri, auth, accept);
    check(uri, response);
    return response;
  }

  private HttpResponse<byte[]> send(URI uri, Optional<String> auth, String accept) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    auth.ifPresent(a -> request.header("Authorization", a));
    if (accept != null) {
      request.header("Accept", accept);
    }
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.body() != null && response.body().length > MAX_ARCHIVE) {
        throw new IOException("response of " + Urls.redact(uri.toString()) + " exceeds " + MAX_ARCHIVE + " bytes");
      }
      return response;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + Urls.redact(uri.toString()));
    } catch (javax.net.ssl.SSLException e) {
      throw new IOException("TLS error fetching " + Urls.redact(uri.toString()) + ": " + e.getMessage());
    } catch (IOException e) {
      throw new IOException("cannot fetch " + Urls.redact(uri.toString()) + ": " + e, e);
    }
  }

  private static void check(URI uri, HttpResponse<byte[]> response) throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw new IOException("fetching " + Urls.redact(uri.toString()) + " failed with status: "
          + response.statusCode());
    }
  }

  private static void verify(String digest, byte[] blob) throws IOException {
    if (!digest.startsWith("sha256:")) {
      return;
    }
    try {
      String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
      if (!actual.equals(digest.substring(7))) {
        throw new IOException("chart layer digest mismatch: expected " + digest + ", got sha256:" + actual);
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> basic(Credentials credentials) {
    if (credentials == null || credentials.anonymous()) {
      return Optional.empty();
    }
    String pair = credentials.username() + ":" + (credentials.password() == null ? "" : credentials.password());
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  static List<String> supportedSchemes() {
    return List.of("https://", ApplicationSource.OCI_PREFIX);
  }
}
