package dev.dpf.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against the real local control plane: test methods (and {@code @BeforeEach} methods) may take
 * a {@link KubeTestContext} parameter, which carries a fresh namespace per test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KubeTestExtension.class)
@Tag("control-plane")
public @interface KubeTest {}
