package dev.dpf.agent.dpu;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-object retry delays: 2 s doubling to 2 min, reset by a success. */
final class Backoff {

  static final long INITIAL_MS = 2_000;
  static final long MAX_MS = 120_000;

  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  /** Counts a failure and returns the delay before the next attempt. */
  long next(String key) {
    int n = failures.merge(key, 1, Integer::sum);
    return Math.min(MAX_MS, INITIAL_MS << Math.min(16, n - 1));
  }

  void reset(String key) {
    failures.remove(key);
  }
}
