package dev.dpf.dms;

import java.time.Duration;

/**
 * A successful OS.Install.
 *
 * @param version the validated version (equal to the requested one when {@code transferred})
 * @param transferred false when DMS already had the version and validated it without a transfer
 * @param bytes bytes transferred (0 when not transferred)
 * @param elapsed wall time of the call
 */
public record InstallResult(String version, boolean transferred, long bytes, Duration elapsed) {}
