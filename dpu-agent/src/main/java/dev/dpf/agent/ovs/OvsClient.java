package dev.dpf.agent.ovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link Ovs} over OVSDB JSON-RPC (rows, external_ids, change monitor) and {@code ovs-ofctl} (flows) plus an
 * OpenFlow probe connection (ovs-vswitchd restarts). See docs/controllers/dpu-agent-ovs.md for why.
 */
public final class OvsClient implements Ovs {

  private final OvsSettings settings;
  private final ObjectMapper mapper = new ObjectMapper();
  private final OvsdbConnection ovsdb;
  private final List<AutoCloseable> watches = new ArrayList<>();

  public OvsClient(OvsSettings settings) {
    this.settings = settings;
    this.ovsdb = new OvsdbConnection(settings.dbSocket(), settings.timeout(), mapper);
  }

  public OvsSettings settings() {
    return settings;
  }

  // ---- OVSDB ----

  @Override
  public OvsState state() throws OvsException {
    ArrayNode result = ovsdb.transact(List.of(
        select("Bridge", "_uuid", "name", "ports"),
        select("Port", "_uuid", "name", "interfaces", "external_ids"),
        select("Interface", "_uuid", "name", "type", "ofport", "external_ids", "options", "error")));
    List<OvsState.Bridge> bridges = new ArrayList<>();
    for (JsonNode row : result.get(0).path("rows")) {
      bridges.add(new OvsState.Bridge(OvsdbValues.atom(row.get("_uuid")), row.path("name").asText(),
          OvsdbValues.set(row.get("ports"))));
    }
    List<OvsState.Port> ports = new ArrayList<>();
    for (JsonNode row : result.get(1).path("rows")) {
      ports.add(new OvsState.Port(OvsdbValues.atom(row.get("_uuid")), row.path("name").asText(),
          OvsdbValues.set(row.get("interfaces")), OvsdbValues.map(row.get("external_ids"))));
    }
    List<OvsState.Interface> interfaces = new ArrayList<>();
    for (JsonNode row : result.get(2).path("rows")) {
      interfaces.add(new OvsState.Interface(OvsdbValues.atom(row.get("_uuid")), row.path("name").asText(),
          row.path("type").asText(""), OvsdbValues.optionalLong(row.get("ofport")),
          OvsdbValues.map(row.get("external_ids")), OvsdbValues.map(row.get("options")),
          OvsdbValues.optionalString(row.get("error"))));
    }
    return new OvsState(List.copyOf(bridges), List.copyOf(ports), List.copyOf(interfaces));
  }

  @Override
  public boolean addPort(String bridge, PortSpec port) throws OvsException {
    OvsState state = state();
    if (state.port(port.name()).isPresent()) {
      return false;
    }
    if (state.bridge(bridge).isEmpty()) {
      throw new OvsException("bridge " + bridge + " does not exist");
    }
    ObjectNode iface = mapper.createObjectNode().put("name", port.name());
    if (!port.type().isEmpty()) {
      iface.put("type", port.type());
    }
    if (!port.options().isEmpty()) {
      iface.set("options", OvsdbValues.mapValue(mapper, port.options()));
    }
    ObjectNode portRow = mapper.createObjectNode().put("name", port.name());
    portRow.set("interfaces", OvsdbValues.uuid(mapper, "named-uuid", "iface"));
    ArrayNode newPort = mapper.createArrayNode().add("set")
        .add(mapper.createArrayNode().add(OvsdbValues.uuid(mapper, "named-uuid", "port")));
    ovsdb.transact(List.of(
        bridgeExists(bridge),
        insert("Interface", iface, "iface"),
        insert("Port", portRow, "port"),
        mutate("Bridge", bridge, mapper.createArrayNode().add(mapper.createArrayNode()
            .add("ports").add("insert").add(newPort)))));
    return true;
  }

  @Override
  public void insertInterfaceExternalIds(String iface, Map<String, String> ids) throws OvsException {
    insertMap("Interface", iface, "external_ids", ids);
  }

  @Override
  public void insertPortExternalIds(String port, Map<String, String> ids) throws OvsException {
    insertMap("Port", port, "external_ids", ids);
  }

  private void insertMap(String table, String name, String column, Map<String, String> values)
      throws OvsException {
    if (values.isEmpty()) {
      return;
    }
    ArrayNode result = ovsdb.transact(List.of(mutate(table, name, mapper.createArrayNode().add(
        mapper.createArrayNode().add(column).add("insert").add(OvsdbValues.mapValue(mapper, values))))));
    requireRow(result, table, name);
  }

  @Override
  public void setInterfaceOptions(String iface, Map<String, String> options) throws OvsException {
    if (options.isEmpty()) {
      return;
    }
    ArrayNode mutations = mapper.createArrayNode();
    mutations.add(mapper.createArrayNode().add("options").add("delete")
        .add(OvsdbValues.stringSet(mapper, options.keySet())));
    mutations.add(mapper.createArrayNode().add("options").add("insert")
        .add(OvsdbValues.mapValue(mapper, options)));
    requireRow(ovsdb.transact(List.of(mutate("Interface", iface, mutations))), "Interface", iface);
  }

  @Override
  public boolean deletePort(String bridge, String port) throws OvsException {
    OvsState state = state();
    OvsState.Port row = state.portsOf(bridge).stream().filter(p -> p.name().equals(port)).findFirst()
        .orElse(null);
    if (row == null) {
      return false;
    }
    ArrayNode gone = mapper.createArrayNode().add("set")
        .add(mapper.createArrayNode().add(OvsdbValues.uuid(mapper, "uuid", row.uuid())));
    ovsdb.transact(List.of(mutate("Bridge", bridge, mapper.createArrayNode().add(
        mapper.createArrayNode().add("ports").add("delete").add(gone)))));
    return true;
  }

  private void requireRow(ArrayNode result, String table, String name) throws OvsException {
    if (result.get(0).path("count").asInt() == 0) {
      throw new OvsException(table + " " + name + " does not exist");
    }
  }

  private ObjectNode select(String table, String... columns) {
    ObjectNode op = mapper.createObjectNode().put("op", "select").put("table", table);
    op.putArray("where");
    ArrayNode cols = op.putArray("columns");
    for (String c : columns) {
      cols.add(c);
    }
    return op;
  }

  private ObjectNode insert(String table, ObjectNode row, String uuidName) {
    ObjectNode op = mapper.createObjectNode().put("op", "insert").put("table", table).put("uuid-name", uuidName);
    op.set("row", row);
    return op;
  }

  private ObjectNode mutate(String table, String name, ArrayNode mutations) {
    ObjectNode op = mapper.createObjectNode().put("op", "mutate").put("table", table);
    op.set("where", byName(name));
    op.set("mutations", mutations);
    return op;
  }

  /** Aborts the transaction unless the bridge exists (so a port is never left unattached). */
  private ObjectNode bridgeExists(String bridge) {
    ObjectNode op = mapper.createObjectNode().put("op", "wait").put("table", "Bridge").put("timeout", 0)
        .put("until", "!=");
    op.set("where", byName(bridge));
    op.putArray("columns").add("name");
    op.putArray("rows");
    return op;
  }

  private ArrayNode byName(String name) {
    return mapper.createArrayNode().add(mapper.createArrayNode().add("name").add("==").add(name));
  }

  // ---- OpenFlow ----

  @Override
  public List<OfFlow> dumpFlows(String bridge) throws OvsException {
    String out = ofctl("--no-names", "--no-stats", "dump-flows", settings.ofctlTarget(bridge));
    List<OfFlow> flows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.contains("actions=")) {
        flows.add(OfFlow.parse(line));
      }
    }
    return flows;
  }

  @Override
  public void bundle(String bridge, List<String> lines) throws OvsException {
    if (lines.isEmpty()) {
      return;
    }
    Path file = null;
    try {
      file = Files.createTempFile("dpf-flows-", ".txt");
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      ofctl("--bundle", "add-flows", settings.ofctlTarget(bridge), file.toString());
    } catch (IOException e) {
      throw new OvsException("cannot write the flow file: " + e.getMessage(), e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  @Override
  public void deleteFlows(String bridge, Collection<Long> cookies) throws OvsException {
    List<String> lines = new ArrayList<>();
    for (long cookie : cookies) {
      lines.add("delete cookie=" + OfFlow.cookieHex(cookie) + "/-1");
    }
    bundle(bridge, lines);
  }

  private String ofctl(String... args) throws OvsException {
    List<String> command = new ArrayList<>();
    command.add(settings.ofctl());
    command.add("-t");
    command.add(Long.toString(Math.max(1, settings.timeout().toSeconds())));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new OvsException("cannot run " + settings.ofctl() + ": " + e.getMessage(), e);
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      String out = readAll(process.getInputStream());
      if (!process.waitFor(settings.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new OvsException("ovs-ofctl " + args[args.length - 2] + " timed out");
      }
      if (process.exitValue() != 0) {
        throw new OvsException("ovs-ofctl " + String.join(" ", List.of(args).subList(0, args.length - 1))
            + " failed: " + err.join().trim());
      }
      return out;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new OvsException("interrupted while running ovs-ofctl", e);
    } catch (IOException e) {
      process.destroyForcibly();
      throw new OvsException("ovs-ofctl failed: " + e.getMessage(), e);
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  // ---- watching ----

  @Override
  public synchronized AutoCloseable watch(String bridge, OvsListener listener) {
    OpenFlowProbe probe = new OpenFlowProbe(settings.managementSocket(bridge), listener);
    ovsdb.watch(listener);
    probe.start();
    AutoCloseable handle = () -> {
      probe.close();
      ovsdb.unwatch();
    };
    watches.add(handle);
    return handle;
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable w : watches) {
      try {
        w.close();
      } catch (Exception e) {
        // closing anyway
      }
    }
    watches.clear();
    ovsdb.close();
  }
}
