package dev.dpf.agent.dpu;

import dev.dpf.agent.ovs.OvsListener;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what OVS reports into reconciles: a (re)connection to ovsdb-server or ovs-vswitchd re-programs every
 * ServiceInterface and ServiceChain of the node at once (ovs-vswitchd lost its flows; the database may be new); a
 * change of Bridge/Port/Interface rows re-checks them after 100 ms, coalescing bursts.
 */
final class OvsTriggers implements OvsListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OvsTriggers.class);
  static final long DEBOUNCE_MS = 100;

  private record Target(SimpleInboundEventSource<?> source, Supplier<Collection<ResourceID>> ids) {}

  private final List<Target> targets = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "ovs-triggers");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean pending = new AtomicBoolean();
  private final AtomicLong openflowEpoch = new AtomicLong();
  private volatile boolean ovsdbConnected;
  private volatile boolean openflowConnected;
  private volatile String datapathId;

  void register(SimpleInboundEventSource<?> source, Supplier<Collection<ResourceID>> ids) {
    targets.add(new Target(source, ids));
  }

  /** Increases with every OpenFlow (re)connection: flows applied in an older epoch may be gone. */
  long openflowEpoch() {
    return openflowEpoch.get();
  }

  boolean connected() {
    return ovsdbConnected && openflowConnected;
  }

  @Override
  public void connected(boolean openflow, String dpid) {
    if (openflow) {
      openflowEpoch.incrementAndGet();
      if (datapathId != null && !datapathId.equals(dpid)) {
        LOG.atInfo().addKeyValue("old", datapathId).addKeyValue("new", dpid).log("datapath id changed");
      }
      datapathId = dpid;
      openflowConnected = true;
    } else {
      ovsdbConnected = true;
    }
    LOG.atInfo().addKeyValue("openflow", openflow).log("OVS connected: re-programming every object of the node");
    timer.execute(this::fire);
  }

  @Override
  public void disconnected(boolean openflow, String reason) {
    if (openflow) {
      openflowConnected = false;
    } else {
      ovsdbConnected = false;
    }
  }

  @Override
  public void changed() {
    if (pending.compareAndSet(false, true)) {
      timer.schedule(() -> {
        pending.set(false);
        fire();
      }, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void fire() {
    for (Target t : targets) {
      try {
        for (ResourceID id : t.ids().get()) {
          t.source().propagateEvent(id);
        }
      } catch (RuntimeException e) {
        LOG.atWarn().addKeyValue("error", e.toString()).log("could not trigger reconciles");
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
