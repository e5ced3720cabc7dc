package dev.dpf.dpusim;

import java.time.Instant;
import java.util.Optional;

/**
 * A package the simulated DMS received through OS.Install.
 *
 * @param version the name it is stored under ({@code TransferRequest.version})
 * @param size bytes received
 * @param sha256 hex SHA-256 of the bytes received
 * @param receivedAt when the transfer ended
 * @param text the content as UTF-8 text for a bf.cfg ({@code .cfg} version), empty otherwise
 */
public record StoredImage(String version, long size, String sha256, Instant receivedAt, Optional<String> text) {}
