package dev.dpf.common.util;

import java.net.URI;
import java.net.URISyntaxException;

/** URL helpers. */
public final class Urls {

  private Urls() {}

  /**
   * The URL as it may appear in status, events and logs: user info is removed and a query string (which can carry
   * signed-URL credentials) is replaced by {@code ?<redacted>}.
   */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      if (uri.getRawUserInfo() == null && uri.getRawQuery() == null) {
        return url;
      }
      StringBuilder out = new StringBuilder();
      if (uri.getScheme() != null) {
        out.append(uri.getScheme()).append("://");
      }
      if (uri.getHost() != null) {
        out.append(uri.getHost());
      }
      if (uri.getPort() >= 0) {
        out.append(':').append(uri.getPort());
      }
      if (uri.getRawPath() != null) {
        out.append(uri.getRawPath());
      }
      if (uri.getRawQuery() != null) {
        out.append("?<redacted>");
      }
      return out.toString();
    } catch (URISyntaxException e) {
      // unparseable: drop anything between "//" and "@", and the query
      String s = url.replaceFirst("//[^/@]*@", "//");
      int q = s.indexOf('?');
      return q >= 0 ? s.substring(0, q) + "?<redacted>" : s;
    }
  }
}
