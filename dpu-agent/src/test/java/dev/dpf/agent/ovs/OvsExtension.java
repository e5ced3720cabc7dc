package dev.dpf.agent.ovs;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit 5 extension behind {@link OvsTest}. */
public final class OvsExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(OvsExtension.class);

  /** Closes the sandbox when the class's store is closed (JUnit closes AutoCloseable store values). */
  private record Resource(OvsSandbox sandbox) implements AutoCloseable {
    @Override
    public void close() {
      sandbox.close();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    String reason = OvsSandbox.unavailableReason();
    Assumptions.assumeTrue(reason == null, () -> "skipped: " + reason);
    context.getStore(STORE).put(Resource.class, new Resource(OvsSandbox.start()));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    sandbox(context).reset();
  }

  private static OvsSandbox sandbox(ExtensionContext context) {
    return context.getStore(STORE).get(Resource.class, Resource.class).sandbox();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OvsSandbox.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return sandbox(context);
  }
}
