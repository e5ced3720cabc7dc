package dev.dpf.agent.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OVSDB JSON-RPC client (RFC 7047) on the server's unix socket: {@code transact} requests, {@code echo}
 * replies, and (while watched) a {@code monitor} on Bridge/Port/Interface whose {@code update} notifications are
 * reported as changes. Connects on first use; while watched, a lost connection is re-established with back-off
 * (0.2 s doubling to 5 s) and reported, so the agent can program everything again.
 */
final class OvsdbConnection implements AutoCloseable {

  static final String DATABASE = "Open_vSwitch";

  private static final Logger LOG = LoggerFactory.getLogger(OvsdbConnection.class);
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Path socket;
  private final Duration timeout;
  private final ObjectMapper mapper;
  private final AtomicLong ids = new AtomicLong();
  private final ScheduledExecutorService reconnects;
  private volatile Session session;
  private volatile OvsListener listener;
  private volatile boolean closed;
  private long backoffMs = 200;

  OvsdbConnection(Path socket, Duration timeout, ObjectMapper mapper) {
    this.socket = socket;
    this.timeout = timeout;
    this.mapper = mapper;
    this.reconnects = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ovsdb-reconnect");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts monitoring: connects now (or keeps retrying) and reports to {@code l} until {@link #unwatch}. */
  void watch(OvsListener l) {
    this.listener = l;
    reconnects.execute(this::reconnect);
  }

  void unwatch() {
    this.listener = null;
  }

  /** Runs a transaction; the result array holds one result per operation. */
  ArrayNode transact(List<ObjectNode> ops) throws OvsException {
    ArrayNode params = mapper.createArrayNode().add(DATABASE);
    ops.forEach(params::add);
    JsonNode result = call("transact", params);
    if (!result.isArray()) {
      throw new OvsException("OVSDB transaction returned " + result);
    }
    for (int i = 0; i < result.size(); i++) {
      JsonNode r = result.get(i);
      if (r != null && r.hasNonNull("error")) {
        String details = r.path("details").asText("");
        String op = i < ops.size() ? ops.get(i).path("op").asText() + " " + ops.get(i).path("table").asText() : "commit";
        throw new OvsException("OVSDB transaction failed at " + op + ": " + r.get("error").asText()
            + (details.isEmpty() ? "" : " (" + details + ")"));
      }
    }
    return (ArrayNode) result;
  }

  private JsonNode call(String method, JsonNode params) throws OvsException {
    Session s = connected();
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    s.pending.put(id, reply);
    ObjectNode request = mapper.createObjectNode().put("method", method).put("id", id);
    request.set("params", params);
    try {
      s.send(mapper.writeValueAsBytes(request));
      JsonNode response = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (response.hasNonNull("error")) {
        throw new OvsException("OVSDB " + method + " failed: " + response.get("error"));
      }
      return response.path("result");
    } catch (IOException e) {
      s.close("write failed: " + e.getMessage());
      throw new OvsException("OVSDB connection unix:" + socket + " failed: " + e.getMessage(), e);
    } catch (TimeoutException e) {
      throw new OvsException("OVSDB at unix:" + socket + " did not answer " + method + " within "
          + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw new OvsException("OVSDB connection unix:" + socket + " lost: " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OvsException("interrupted while waiting for OVSDB", e);
    } finally {
      s.pending.remove(id);
    }
  }

  private synchronized Session connected() throws OvsException {
    if (closed) {
      throw new OvsException("OVSDB client is closed");
    }
    Session s = session;
    if (s != null && s.open) {
      return s;
    }
    try {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        channel.close();
        throw e;
      }
      s = new Session(channel);
      session = s;
      s.start();
      LOG.atInfo().addKeyValue("socket", socket).log("connected to OVSDB");
      return s;
    } catch (IOException e) {
      throw new OvsException("cannot connect to OVSDB at unix:" + socket + ": " + e.getMessage(), e);
    }
  }

  /** (Re)connects and starts the monitor; reschedules itself with back-off on failure. Runs on the reconnect thread. */
  private void reconnect() {
    OvsListener l = listener;
    if (closed || l == null) {
      return;
    }
    try {
      Session s = connected();
      if (!s.monitored) {
        ObjectNode tables = mapper.createObjectNode();
        tables.set("Bridge", columns("name", "ports"));
        tables.set("Port", columns("name", "interfaces", "external_ids"));
        tables.set("Interface", columns("name", "type", "ofport", "external_ids", "options"));
        call("monitor", mapper.createArrayNode().add(DATABASE).add("dpf-agent").add(tables));
        s.monitored = true;
        backoffMs = 200;
        l.connected(false, null);
      }
    } catch (OvsException e) {
      LOG.atDebug().addKeyValue("error", e.getMessage()).log("OVSDB not reachable yet");
      long delay = backoffMs;
      backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
      if (!closed) {
        reconnects.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
      }
    }
  }

  private ObjectNode columns(String... names) {
    ObjectNode node = mapper.createObjectNode();
    ArrayNode array = node.putArray("columns");
    for (String n : names) {
      array.add(n);
    }
    return node;
  }

  private void lost(Session s, String reason) {
    synchronized (this) {
      if (session == s) {
        session = null;
      }
    }
    if (closed) {
      return;
    }
    LOG.atWarn().addKeyValue("socket", socket).addKeyValue("reason", reason).log("OVSDB connection lost");
    OvsListener l = listener;
    if (l != null && s.monitored) {
      l.disconnected(false, reason);
    }
    if (l != null) {
      reconnects.schedule(this::reconnect, backoffMs, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    closed = true;
    Session s = session;
    if (s != null) {
      s.close("closed");
    }
    reconnects.shutdownNow();
  }

  /** One socket connection with its reader thread and outstanding requests. */
  private final class Session {
    final SocketChannel channel;
    final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    final Object writeLock = new Object();
    volatile boolean open = true;
    volatile boolean monitored;

    Session(SocketChannel channel) {
      this.channel = channel;
    }

    void start() {
      Thread reader = new Thread(this::read, "ovsdb-reader");
      reader.setDaemon(true);
      reader.start();
    }

    void send(byte[] bytes) throws IOException {
      synchronized (writeLock) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    }

    private void read() {
      String reason = "end of stream";
      try (MappingIterator<JsonNode> messages = mapper.readerFor(JsonNode.class).readValues(stream())) {
        while (messages.hasNextValue()) {
          dispatch(messages.nextValue());
        }
      } catch (IOException | RuntimeException e) {
        reason = e.getMessage() == null ? e.toString() : e.getMessage();
      }
      close(reason);
    }

    private void dispatch(JsonNode message) throws IOException {
      String method = message.path("method").asText(null);
      if (method == null) {
        CompletableFuture<JsonNode> reply = pending.remove(message.path("id").asLong(-1));
        if (reply != null) {
          reply.complete(message);
        }
      } else if ("echo".equals(method)) {
        ObjectNode echo = mapper.createObjectNode();
        echo.set("id", message.get("id"));
        echo.set("result", message.get("params"));
        echo.putNull("error");
        send(mapper.writeValueAsBytes(echo));
      } else if ("update".equals(method)) {
        OvsListener l = listener;
        if (l != null) {
          l.changed();
        }
      }
    }

    private InputStream stream() {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          int n = read(one, 0, 1);
          return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
        }
      };
    }

    void close(String reason) {
      if (!open) {
        return;
      }
      open = false;
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
      OvsException failure = new OvsException("connection closed: " + reason);
      pending.values().forEach(f -> f.completeExceptionally(failure));
      pending.clear();
      lost(this, reason);
    }
  }
}
