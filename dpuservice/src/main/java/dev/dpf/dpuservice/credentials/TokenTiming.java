package dev.dpf.dpuservice.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a credential request's token is refreshed (reference dpuservice.md 14.2 step 8, 14.3, A.5). With lifetime
 * {@code L = expiration − issuedAt} and jitter {@code j ∈ [0 s, 10 s)}: a refresh is required when
 * {@code now > issuedAt + 24h − j} or {@code now > expiration − L/5 − j}; the next reconcile is due at
 * {@code min(expiration − L/5, issuedAt + 24h) + j} (upstream ignores the 24 h cap in the requeue; the reference
 * recommends including it). Pure.
 */
public final class TokenTiming {

  /** Tokens are rotated at least this often, whatever their lifetime. */
  public static final Duration MAX_ROTATION = Duration.ofHours(24);
  /** Shortest requeue, so a clock skew between the controller and the API server cannot cause a hot loop. */
  public static final Duration MIN_REQUEUE = Duration.ofSeconds(30);

  private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private TokenTiming() {}

  /** The 80 % point of the lifetime. */
  static Instant refreshPoint(Instant issuedAt, Instant expiration) {
    Duration lifetime = Duration.between(issuedAt, expiration);
    return expiration.minus(lifetime.dividedBy(5));
  }

  /** When the next reconcile is due. */
  public static Instant requeueAt(Instant issuedAt, Instant expiration, Duration jitter) {
    Instant refresh = refreshPoint(issuedAt, expiration);
    Instant cap = issuedAt.plus(MAX_ROTATION);
    return (refresh.isBefore(cap) ? refresh : cap).plus(jitter);
  }

  /** Whether a new token is needed now. */
  public static boolean refreshRequired(Instant now, Instant issuedAt, Instant expiration, Duration jitter) {
    return now.isAfter(issuedAt.plus(MAX_ROTATION).minus(jitter))
        || now.isAfter(refreshPoint(issuedAt, expiration).minus(jitter));
  }

  /** The delay until {@link #requeueAt}, at least {@link #MIN_REQUEUE}. */
  public static Duration requeueAfter(Instant now, Instant issuedAt, Instant expiration, Duration jitter) {
    Duration d = Duration.between(now, requeueAt(issuedAt, expiration, jitter));
    return d.compareTo(MIN_REQUEUE) < 0 ? MIN_REQUEUE : d;
  }

  /** Parses a Go duration as the CRD pattern allows ({@code ^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$}), e.g. {@code 1h30m}. */
  public static Duration parseGoDuration(String text) {
    Matcher m = GO_DURATION.matcher(text);
    long nanos = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw new IllegalArgumentException("invalid duration " + text);
      }
      end = m.end();
      double value = Double.parseDouble(m.group(1));
      long unit = switch (m.group(2)) {
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      nanos += Math.round(value * unit);
    }
    if (end == 0 || end != text.length()) {
      throw new IllegalArgumentException("invalid duration " + text);
    }
    return Duration.ofNanos(nanos);
  }
}
