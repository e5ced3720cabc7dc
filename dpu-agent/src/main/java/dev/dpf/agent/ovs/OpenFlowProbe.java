package dev.dpf.agent.ovs;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal OpenFlow connection to a bridge's management socket that only proves ovs-vswitchd is there: HELLO with
 * a version bitmap (1.0 to 1.5), FEATURES_REQUEST for the datapath id, then ECHO replies until the connection ends.
 * ovs-vswitchd keeps flows in memory only, so a new connection after a lost one means the flows must be programmed
 * again: the probe reports every successful handshake and every loss. Reconnects with back-off (0.2 s doubling to
 * 5 s).
 */
final class OpenFlowProbe implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OpenFlowProbe.class);

  static final int HELLO = 0;
  static final int ERROR = 1;
  static final int ECHO_REQUEST = 2;
  static final int ECHO_REPLY = 3;
  static final int FEATURES_REQUEST = 5;
  static final int FEATURES_REPLY = 6;
  /** OpenFlow 1.0 (0x01) to 1.5 (0x06). */
  static final int VERSION_BITMAP = 0x7e;

  private final Path socket;
  private final OvsListener listener;
  private final Thread thread;
  private volatile SocketChannel channel;
  private volatile boolean closed;

  OpenFlowProbe(Path socket, OvsListener listener) {
    this.socket = socket;
    this.listener = listener;
    this.thread = new Thread(this::run, "openflow-probe");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    long backoff = 200;
    boolean wasConnected = false;
    while (!closed) {
      String reason;
      try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        channel = ch;
        ch.connect(UnixDomainSocketAddress.of(socket));
        int version = handshake(ch);
        String dpid = features(ch, version);
        wasConnected = true;
        backoff = 200;
        LOG.atInfo().addKeyValue("socket", socket).addKeyValue("datapathId", dpid).log("OpenFlow connected");
        listener.connected(true, dpid);
        serve(ch);
        reason = "end of stream";
      } catch (IOException e) {
        reason = e.getMessage() == null ? e.toString() : e.getMessage();
      }
      if (closed) {
        return;
      }
      if (wasConnected) {
        wasConnected = false;
        LOG.atWarn().addKeyValue("socket", socket).addKeyValue("reason", reason).log("OpenFlow connection lost");
        listener.disconnected(true, reason);
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        return;
      }
      backoff = Math.min(5_000, backoff * 2);
    }
  }

  /** Exchanges HELLOs and returns the negotiated version. */
  private static int handshake(SocketChannel ch) throws IOException {
    ByteBuffer hello = ByteBuffer.allocate(16);
    hello.put((byte) 6).put((byte) HELLO).putShort((short) 16).putInt(1);
    hello.putShort((short) 1).putShort((short) 8).putInt(VERSION_BITMAP);
    write(ch, hello.flip());
    Message m = Message.read(ch);
    if (m.type != HELLO) {
      throw new IOException("expected HELLO, got type " + m.type);
    }
    int theirs = 0;
    ByteBuffer body = ByteBuffer.wrap(m.body);
    while (body.remaining() >= 4) {
      int type = body.getShort() & 0xffff;
      int len = body.getShort() & 0xffff;
      if (type == 1 && len >= 8 && body.remaining() >= 4) {
        theirs = body.getInt();
        break;
      }
      int skip = Math.max(0, ((len + 7) / 8) * 8 - 4);
      body.position(Math.min(body.limit(), body.position() + skip));
    }
    int common = theirs == 0 ? VERSION_BITMAP & ((1 << (Math.min(m.version, 6) + 1)) - 1) : theirs & VERSION_BITMAP;
    if (common == 0) {
      throw new IOException("no common OpenFlow version");
    }
    return 31 - Integer.numberOfLeadingZeros(common);
  }

  private static String features(SocketChannel ch, int version) throws IOException {
    ByteBuffer request = ByteBuffer.allocate(8);
    request.put((byte) version).put((byte) FEATURES_REQUEST).putShort((short) 8).putInt(2);
    write(ch, request.flip());
    while (true) {
      Message m = Message.read(ch);
      if (m.type == FEATURES_REPLY && m.body.length >= 8) {
        return HexFormat.of().formatHex(m.body, 0, 8);
      }
      if (m.type == ERROR) {
        throw new IOException("OpenFlow error during handshake");
      }
      answer(ch, m);
    }
  }

  private static void serve(SocketChannel ch) throws IOException {
    while (true) {
      answer(ch, Message.read(ch));
    }
  }

  private static void answer(SocketChannel ch, Message m) throws IOException {
    if (m.type == ECHO_REQUEST) {
      ByteBuffer reply = ByteBuffer.allocate(8 + m.body.length);
      reply.put((byte) m.version).put((byte) ECHO_REPLY).putShort((short) (8 + m.body.length)).putInt(m.xid);
      reply.put(m.body);
      write(ch, reply.flip());
    }
  }

  private static void write(SocketChannel ch, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      ch.write(buffer);
    }
  }

  @Override
  public void close() {
    closed = true;
    SocketChannel ch = channel;
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    thread.interrupt();
  }

  private record Message(int version, int type, int xid, byte[] body) {
    static Message read(SocketChannel ch) throws IOException {
      ByteBuffer header = readFully(ch, 8);
      int version = header.get() & 0xff;
      int type = header.get() & 0xff;
      int length = header.getShort() & 0xffff;
      int xid = header.getInt();
      if (length < 8) {
        throw new IOException("bad OpenFlow message length " + length);
      }
      byte[] body = new byte[length - 8];
      if (body.length > 0) {
        readFully(ch, body.length).get(body);
      }
      return new Message(version, type, xid, body);
    }

    private static ByteBuffer readFully(SocketChannel ch, int n) throws IOException {
      ByteBuffer buffer = ByteBuffer.allocate(n);
      while (buffer.hasRemaining()) {
        if (ch.read(buffer) < 0) {
          throw new EOFException("end of stream");
        }
      }
      return buffer.flip();
    }
  }
}
