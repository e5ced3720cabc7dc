package dev.dpf.agent.ovs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a real Open vSwitch ({@link OvsSandbox}, one per class, every bridge deleted before
 * each test); test and {@code @BeforeEach} methods may take the {@link OvsSandbox}. The class is skipped with a
 * message when the OVS binaries are not installed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OvsExtension.class)
@Tag("ovs")
public @interface OvsTest {}
