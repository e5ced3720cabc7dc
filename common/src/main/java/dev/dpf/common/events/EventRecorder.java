package dev.dpf.common.events;

import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events (core/v1, what {@code kubectl describe} and {@code kubectl get events} show). Repeats of
 * the same event for the same object within ten minutes increase the count of one Event instead of creating new
 * ones, so a retried failure does not flood the namespace. Recording never fails the caller.
 */
@Rbac(group = "", resources = {"events"}, verbs = {"create", "patch", "update", "get"})
public class EventRecorder {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(10);
  private static final int MAX_MESSAGE = 1024;

  private record Key(String uid, String type, String reason, String message) {}

  private record Seen(String namespace, String name, int count, Instant last) {}

  private final KubernetesClient client;
  private final String component;
  private final Clock clock;
  private final Map<Key, Seen> seen = new ConcurrentHashMap<>();

  public EventRecorder(KubernetesClient client, String component, Clock clock) {
    this.client = client;
    this.component = component;
    this.clock = clock;
  }

  public void normal(HasMetadata object, String reason, String message) {
    record(object, NORMAL, reason, message);
  }

  public void warning(HasMetadata object, String reason, String message) {
    record(object, WARNING, reason, message);
  }

  public void record(HasMetadata object, String type, String reason, String message) {
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
    Instant now = Instant.now(clock);
    String time = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    Key key = new Key(object.getMetadata().getUid(), type, reason, text);
    try {
      Seen previous = seen.get(key);
      if (previous != null && Duration.between(previous.last(), now).compareTo(AGGREGATION_WINDOW) < 0) {
        int count = previous.count() + 1;
        Event updated = client.v1().events().inNamespace(previous.namespace()).withName(previous.name())
            .edit(e -> new EventBuilder(e).withCount(count).withLastTimestamp(time).build());
        if (updated != null) {
          seen.put(key, new Seen(previous.namespace(), previous.name(), count, now));
          return;
        }
      }
      String namespace = object.getMetadata().getNamespace() != null ? object.getMetadata().getNamespace() : "default";
      String name = object.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli())
          + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000));
      Event event = new EventBuilder()
          .withNewMetadata().withName(name.toLowerCase(Locale.ROOT)).withNamespace(namespace).endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(object.getApiVersion())
              .withKind(object.getKind())
              .withName(object.getMetadata().getName())
              .withNamespace(object.getMetadata().getNamespace())
              .withUid(object.getMetadata().getUid())
              .withResourceVersion(object.getMetadata().getResourceVersion())
              .build())
          .withType(type)
          .withReason(reason)
          .withMessage(text)
          .withCount(1)
          .withFirstTimestamp(time)
          .withLastTimestamp(time)
          .withNewSource().withComponent(component).endSource()
          .withReportingComponent(component)
          .build();
      client.v1().events().inNamespace(namespace).resource(event).create();
      seen.put(key, new Seen(namespace, event.getMetadata().getName(), 1, now));
      prune(now);
    } catch (KubernetesClientException e) {
      LOG.atWarn().addKeyValue("reason", reason).addKeyValue("error", e.getMessage())
          .log("could not record event");
    }
  }

  private void prune(Instant now) {
    if (seen.size() < 10_000) {
      return;
    }
    for (Iterator<Map.Entry<Key, Seen>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (Duration.between(it.next().getValue().last(), now).compareTo(AGGREGATION_WINDOW) > 0) {
        it.remove();
      }
    }
  }
}
