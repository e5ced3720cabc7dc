package dev.dpf.testing;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit 5 extension behind {@link KubeTest}: one control plane per JVM, one namespace per test. */
public final class KubeTestExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    ParameterResolver {

  private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KubeTestExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    ControlPlanes.shared().host();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    String prefix = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]", "");
    if (prefix.length() > 40) {
      prefix = prefix.substring(0, 40);
    }
    String namespace = prefix + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    KubeTestContext kube = new KubeTestContext(ControlPlanes.shared(), namespace);
    kube.client();
    context.getStore(STORE).put(KubeTestContext.class, kube);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    KubeTestContext kube = context.getStore(STORE).remove(KubeTestContext.class, KubeTestContext.class);
    if (kube != null) {
      kube.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KubeTestContext.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    KubeTestContext kube = context.getStore(STORE).get(KubeTestContext.class, KubeTestContext.class);
    if (kube == null) {
      throw new IllegalStateException("KubeTestContext is available in test and @BeforeEach methods only");
    }
    return kube;
  }
}
