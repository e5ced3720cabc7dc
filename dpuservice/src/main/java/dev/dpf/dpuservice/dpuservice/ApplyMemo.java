package dev.dpf.dpuservice.dpuservice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Remembers what was last applied where, so that objects shared by many DPUServices (Argo CD cluster Secrets,
 * AppProjects, DPU-cluster namespaces and pull secrets) are written once and not on every reconcile. An entry is
 * fresh while the desired content (fingerprint) is unchanged and younger than the TTL; after the TTL the object is
 * applied again, which repairs drift at least that often.
 */
final class ApplyMemo {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Entry(String fingerprint, Instant at) {}

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  ApplyMemo(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /**
   * Runs {@code apply} unless {@code key} was applied with this fingerprint less than the TTL ago, and records it when
   * {@code apply} returns true; an exception from {@code apply} propagates and records nothing. Callers for one key
   * run one at a time, so that concurrent reconciles of many DPUServices apply a shared object once instead of each
   * seeing it not yet recorded (measured: 93 applies for 5 Argo CD cluster Secrets without the lock).
   */
  void once(String key, String fingerprint, BooleanSupplier apply) {
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      if (!fresh(key, fingerprint) && apply.getAsBoolean()) {
        record(key, fingerprint);
      }
    }
  }

  /** Whether {@code key} was applied with this fingerprint less than the TTL ago. */
  boolean fresh(String key, String fingerprint) {
    Entry e = entries.get(key);
    return e != null && e.fingerprint().equals(fingerprint) && Instant.now(clock).isBefore(e.at().plus(ttl));
  }

  void record(String key, String fingerprint) {
    entries.put(key, new Entry(fingerprint, Instant.now(clock)));
  }

  void forget(String key) {
    entries.remove(key);
  }

  void forgetPrefix(String prefix) {
    entries.keySet().removeIf(k -> k.startsWith(prefix));
  }

  /** SHA-256 of the JSON form of {@code value}. */
  static String fingerprint(Object value) {
    try {
      byte[] json = JSON.writeValueAsBytes(value);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint " + value.getClass().getSimpleName(), e);
    }
  }

  static String fingerprint(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
