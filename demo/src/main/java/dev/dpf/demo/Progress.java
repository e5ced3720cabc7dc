package dev.dpf.demo;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Watches the DPF objects of the operator namespace (informers, no polling) and the Warning events, prints a progress
 * line whenever the summary changes, and lets the demo wait for a change.
 */
final class Progress implements AutoCloseable {

  /** The kinds the demo reports on, in the order of the progress line (DPU first, shown by phase). */
  static final List<Kind> KINDS = List.of(
      new Kind(ApiVersions.PROVISIONING, "DPU", Readiness.PHASE),
      new Kind(ApiVersions.PROVISIONING, "BFB", Readiness.PHASE),
      new Kind(ApiVersions.OPERATOR, "DPFOperatorConfig", Readiness.CONDITION),
      new Kind(ApiVersions.PROVISIONING, "DPUCluster", Readiness.PHASE),
      new Kind(ApiVersions.PROVISIONING, "DPUFlavor", Readiness.CONDITION),
      new Kind(ApiVersions.PROVISIONING, "DPUSet", Readiness.CONDITION),
      new Kind(ApiVersions.SVC, "DPUService", Readiness.CONDITION),
      new Kind(ApiVersions.SVC, "DPUServiceInterface", Readiness.CONDITION),
      new Kind(ApiVersions.SVC, "DPUServiceChain", Readiness.CONDITION),
      new Kind(ApiVersions.SVC, "DPUServiceIPAM", Readiness.CONDITION));

  enum Readiness { PHASE, CONDITION }

  record Kind(String apiVersion, String kind, Readiness readiness) {}

  /** One object's state for the report. */
  record ObjectState(String kind, String name, boolean ready, String phase, String detail) {}

  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  private final KubernetesClient client;
  private final String namespace;
  private final Console console;
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers = new LinkedHashMap<>();
  private SharedIndexInformer<Event> events;
  private final Set<String> seenWarnings = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long version;
  private volatile String lastLine = "";
  private volatile long lastPrint = System.nanoTime() - MIN_INTERVAL.toNanos();
  private volatile boolean quiet;
  private final AtomicBoolean printQueued = new AtomicBoolean();
  private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "demo-progress");
    t.setDaemon(true);
    return t;
  });

  Progress(KubernetesClient client, String namespace, Console console) {
    this.client = client;
    this.namespace = namespace;
    this.console = console;
  }

  Progress start() {
    for (Kind kind : KINDS) {
      informers.put(kind.kind(), client.genericKubernetesResources(kind.apiVersion(), kind.kind())
          .inNamespace(namespace).inform(new SchedulerStandIn.Handler<>(o -> onChange())));
    }
    events = client.v1().events().inNamespace(namespace).withField("type", "Warning")
        .inform(new SchedulerStandIn.Handler<>(this::onWarning));
    return this;
  }

  /** Stops printing (the final report is printed by the demo). */
  void quiet() {
    quiet = true;
  }

  private void onWarning(Event event) {
    if (event.getInvolvedObject() == null) {
      return;
    }
    String object = event.getInvolvedObject().getKind() + "/" + event.getInvolvedObject().getName();
    String key = object + "|" + event.getReason() + "|" + event.getMessage();
    if (seenWarnings.add(key) && !quiet) {
      console.line("Warning %s %s: %s", object, event.getReason(), event.getMessage());
    }
  }

  private void onChange() {
    lock.lock();
    try {
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    printSoon();
  }

  /** Prints the summary if it changed, at most one line per {@link #MIN_INTERVAL} (the latest state wins). */
  private void printSoon() {
    if (printQueued.compareAndSet(false, true)) {
      long wait = Math.max(0, lastPrint + MIN_INTERVAL.toNanos() - System.nanoTime());
      try {
        printer.schedule(this::print, wait, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // stopping
      }
    }
  }

  private void print() {
    printQueued.set(false);
    if (informers.values().stream().allMatch(i -> i.getStore().list().isEmpty())) {
      return;
    }
    String line = line();
    if (!line.equals(lastLine) && !quiet) {
      lastLine = line;
      lastPrint = System.nanoTime();
      console.line("%s", line);
    }
  }

  /** Waits until something changed after {@code seen} (a value from {@link #version()}) or the time is up. */
  long awaitChange(long seen, Duration max) throws InterruptedException {
    lock.lock();
    try {
      long nanos = max.toNanos();
      while (version == seen && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
      return version;
    } finally {
      lock.unlock();
    }
  }

  long version() {
    lock.lock();
    try {
      return version;
    } finally {
      lock.unlock();
    }
  }

  List<GenericKubernetesResource> objects(String kind) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
    if (informer == null) {
      return List.of();
    }
    List<GenericKubernetesResource> list = new ArrayList<>(informer.getStore().list());
    list.sort((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()));
    return list;
  }

  /** Every watched object's state, kinds in {@link #KINDS} order. */
  List<ObjectState> states() {
    List<ObjectState> states = new ArrayList<>();
    for (Kind kind : KINDS) {
      for (GenericKubernetesResource o : objects(kind.kind())) {
        states.add(state(kind, o));
      }
    }
    return states;
  }

  static ObjectState state(Kind kind, GenericKubernetesResource o) {
    String phase = StatusWriter.statusString(o, "phase");
    Map<String, Object> ready = StatusWriter.condition(o, "Ready");
    boolean isReady = kind.readiness() == Readiness.PHASE ? "Ready".equals(phase)
        : ready != null && "True".equals(ready.get("status"));
    String detail;
    if (isReady) {
      detail = "";
    } else if (o.getAdditionalProperties().get("status") == null) {
      detail = "no status yet (is its controller running?)";
    } else {
      detail = notReadyDetail(o, ready);
    }
    return new ObjectState(kind.kind(), o.getMetadata().getName(), isReady, phase, detail);
  }

  /** The False conditions with their reasons and messages, Ready first; a message already shown is not repeated. */
  private static String notReadyDetail(GenericKubernetesResource o, Map<String, Object> ready) {
    List<String> parts = new ArrayList<>();
    Set<String> shown = new java.util.HashSet<>();
    if (ready != null && !"True".equals(ready.get("status"))) {
      parts.add("Ready=" + ready.get("status") + " " + ready.get("reason") + message(ready));
      shown.add(String.valueOf(ready.get("message")));
    }
    for (Map<String, Object> c : StatusWriter.conditions(o)) {
      if (!"Ready".equals(c.get("type")) && "False".equals(c.get("status"))) {
        parts.add(c.get("type") + "=False " + c.get("reason")
            + (shown.add(String.valueOf(c.get("message"))) ? message(c) : ""));
      }
    }
    return String.join("; ", parts);
  }

  /** Whether no controller has written any status to the object yet. */
  static boolean noStatus(GenericKubernetesResource o) {
    return o.getAdditionalProperties().get("status") == null;
  }

  private static String message(Map<String, Object> c) {
    Object m = c.get("message");
    return m == null || String.valueOf(m).isEmpty() ? "" : ": " + m;
  }

  /** The one-line summary. */
  String line() {
    StringBuilder b = new StringBuilder();
    List<GenericKubernetesResource> dpus = objects("DPU");
    Map<String, Integer> phases = new TreeMap<>();
    int hostNetwork = 0;
    for (GenericKubernetesResource dpu : dpus) {
      String phase = StatusWriter.statusString(dpu, "phase");
      phases.merge(phase == null ? "(no phase)" : phase, 1, Integer::sum);
      if (StatusWriter.isTrue(dpu, "HostNetworkConfigured")) {
        hostNetwork++;
      }
    }
    b.append("DPUs ").append(dpus.size());
    if (!phases.isEmpty()) {
      b.append(" [").append(phases.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", "))).append("]");
    }
    b.append(" host-net ").append(hostNetwork).append('/').append(dpus.size());
    for (GenericKubernetesResource bfb : objects("BFB")) {
      b.append(" | BFB ").append(bfb.getMetadata().getName()).append(' ')
          .append(String.valueOf(StatusWriter.statusString(bfb, "phase")).replace("null", "-"));
      Object status = bfb.getAdditionalProperties().get("status");
      if (status instanceof Map<?, ?> s && s.get("download") instanceof Map<?, ?> d && d.get("percent") != null
          && !"Ready".equals(s.get("phase"))) {
        b.append(' ').append(((Number) d.get("percent")).intValue() / 10 * 10).append('%');
      }
    }
    b.append(" | Ready:");
    for (Kind kind : KINDS.subList(2, KINDS.size())) {
      List<GenericKubernetesResource> objects = objects(kind.kind());
      long ready = objects.stream().filter(o -> state(kind, o).ready()).count();
      b.append(' ').append(kind.kind()).append(' ').append(ready).append('/').append(objects.size());
    }
    return b.toString();
  }

  @Override
  public void close() {
    printer.shutdownNow();
    informers.values().forEach(SharedIndexInformer::close);
    if (events != null) {
      events.close();
    }
  }

  static List<ObjectState> notReady(List<ObjectState> states) {
    return Collections.unmodifiableList(states.stream().filter(s -> !s.ready()).toList());
  }

}
