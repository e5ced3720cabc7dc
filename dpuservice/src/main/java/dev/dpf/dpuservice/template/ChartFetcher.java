package dev.dpf.dpuservice.template;

import dev.dpf.api.svc.v1alpha1.ApplicationSource;
import java.io.IOException;
import java.util.Map;

/** Reads the {@code Chart.yaml} annotations of a Helm chart (reference dpuservice.md 13 step 2). */
public interface ChartFetcher {

  /** Repository credentials (ArgoCD repository Secret convention); null fields mean anonymous. */
  record Credentials(String username, String password) {
    public static final Credentials ANONYMOUS = new Credentials(null, null);

    public boolean anonymous() {
      return username == null || username.isEmpty();
    }

    @Override
    public String toString() {
      return anonymous() ? "anonymous" : "user " + username; // never the password
    }
  }

  /** The chart's annotations (empty when it has none). Messages never contain credentials. */
  Map<String, String> annotations(ApplicationSource source, Credentials credentials) throws IOException;
}
