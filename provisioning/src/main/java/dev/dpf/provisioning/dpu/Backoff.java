package dev.dpf.provisioning.dpu;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-DPU exponential back-off for recoverable failures: 1 s, 2 s, 4 s, ... up to 5 min; reset on success. */
final class Backoff {

  private final Duration first;
  private final Duration max;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
  }

  Duration next(String key) {
    int n = failures.merge(key, 1, Integer::sum);
    Duration d = first.multipliedBy(1L << Math.min(20, n - 1));
    return d.compareTo(max) > 0 ? max : d;
  }

  void reset(String key) {
    failures.remove(key);
  }
}
