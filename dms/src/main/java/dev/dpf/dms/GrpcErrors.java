package dev.dpf.dms;

import io.grpc.Status;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Turns gRPC failures into {@link DmsException}s with clear, secret-free messages. */
final class GrpcErrors {

  private GrpcErrors() {}

  /**
   * @param operation e.g. {@code OS.Install of "x.bfb"}
   * @param deadline the deadline that applied, for the timeout message
   */
  static DmsException map(String operation, DmsAddress address, Throwable error, Duration deadline) {
    String prefix = operation + " on DMS " + address + " failed: ";
    Status status = Status.fromThrowable(error);
    Throwable tls = find(error, SSLException.class, CertificateException.class);
    switch (status.getCode()) {
      case DEADLINE_EXCEEDED:
        return new DmsException(DmsException.Reason.TIMEOUT,
            prefix + "no answer within " + human(deadline) + " (deadline exceeded)", error);
      case CANCELLED:
        return new DmsException(DmsException.Reason.CANCELLED, prefix + "cancelled" + detail(status), error);
      case UNAVAILABLE:
        if (tls != null) {
          return new DmsException(DmsException.Reason.TLS, prefix + "TLS handshake failed: " + tlsMessage(tls), error);
        }
        Throwable connect = find(error, ConnectException.class, NoRouteToHostException.class,
            UnknownHostException.class);
        if (connect != null) {
          return new DmsException(DmsException.Reason.UNREACHABLE,
              prefix + "DMS is unreachable (" + rootMessage(connect) + ")", error);
        }
        return new DmsException(DmsException.Reason.UNREACHABLE,
            prefix + "DMS is unavailable" + detail(status), error);
      case UNKNOWN:
      case INTERNAL:
        if (tls != null) {
          return new DmsException(DmsException.Reason.TLS, prefix + "TLS failure: " + tlsMessage(tls), error);
        }
        return rejected(prefix, status, error);
      default:
        return rejected(prefix, status, error);
    }
  }

  private static DmsException rejected(String prefix, Status status, Throwable error) {
    return new DmsException(DmsException.Reason.REJECTED,
        prefix + "DMS answered " + status.getCode() + detail(status), error);
  }

  private static String detail(Status status) {
    String description = status.getDescription();
    return description == null || description.isBlank() ? "" : ": " + truncate(description);
  }

  @SafeVarargs
  private static Throwable find(Throwable error, Class<? extends Throwable>... types) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return t;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String tlsMessage(Throwable tls) {
    String message = rootMessage(tls);
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("bad_certificate") || lower.contains("certificate_required")
        || lower.contains("unknown_ca") || lower.contains("certificate_unknown")) {
      return "the DMS server refused the client certificate (" + message + ")";
    }
    return message;
  }

  private static String rootMessage(Throwable t) {
    String best = t.getClass().getSimpleName();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        best = c.getMessage();
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return truncate(best);
  }

  static String truncate(String text) {
    String oneLine = text.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
  }

  static String human(Duration d) {
    if (d == null) {
      return "the deadline";
    }
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    return d.toSeconds() + "s";
  }
}
