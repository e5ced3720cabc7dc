package dev.dpf.dpuservice.dpudeployment;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Example manifests for tests of other packages. */
public final class DeploymentFixturesAccess {

  private DeploymentFixturesAccess() {}

  public static <T extends HasMetadata> T example(String file, Class<T> type, String namespace) {
    return DeploymentFixtures.example(file, type, namespace);
  }
}
