package dev.dpf.dpusim;

import dev.dpf.dms.proto.gnmi.GetRequest;
import dev.dpf.dms.proto.gnmi.GetResponse;
import dev.dpf.dms.proto.gnmi.Notification;
import dev.dpf.dms.proto.gnmi.Path;
import dev.dpf.dms.proto.gnmi.PathElem;
import dev.dpf.dms.proto.gnmi.SetRequest;
import dev.dpf.dms.proto.gnmi.SetResponse;
import dev.dpf.dms.proto.gnmi.TypedValue;
import dev.dpf.dms.proto.gnmi.Update;
import dev.dpf.dms.proto.gnmi.UpdateResult;
import dev.dpf.dms.proto.gnmi.gNMIGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * gNMI of the simulator: Set stores values by path (the DPU mode must be DPU or NIC); Get answers stored values and
 * the "run a command" path, always with at least one notification holding one update with a {@code string_val}.
 */
final class GnmiService extends gNMIGrpc.gNMIImplBase {

  static final String MODE_PATH = "nvidia/mode/config/mode";

  private final DmsSimulator sim;

  GnmiService(DmsSimulator sim) {
    this.sim = sim;
  }

  @Override
  public void set(SetRequest request, StreamObserver<SetResponse> responses) {
    if (sim.hangs(DmsSimulator.Op.SET, responses)) {
      return;
    }
    sim.countSet();
    Status fault = sim.setFault();
    if (fault != null) {
      sim.respond(() -> responses.onError(fault.asRuntimeException()));
      return;
    }
    String prefix = path(request.getPrefix());
    List<UpdateResult> results = new ArrayList<>();
    for (Path delete : request.getDeleteList()) {
      sim.config.remove(join(prefix, path(delete)));
      results.add(UpdateResult.newBuilder().setPath(delete).setOp(UpdateResult.Operation.DELETE).build());
    }
    List<Update> writes = new ArrayList<>(request.getReplaceList());
    writes.addAll(request.getUpdateList());
    writes.addAll(request.getUnionReplaceList());
    for (Update update : writes) {
      String key = join(prefix, path(update.getPath()));
      String value = value(update.getVal());
      if (key.equals(MODE_PATH) && !value.equals("DPU") && !value.equals("NIC")) {
        responses.onError(Status.INVALID_ARGUMENT.withDescription("unsupported mode \"" + value + "\"")
            .asRuntimeException());
        return;
      }
      sim.config.put(key, value);
    }
    request.getReplaceList().forEach(u -> results.add(result(u, UpdateResult.Operation.REPLACE)));
    request.getUpdateList().forEach(u -> results.add(result(u, UpdateResult.Operation.UPDATE)));
    request.getUnionReplaceList().forEach(u -> results.add(result(u, UpdateResult.Operation.UNION_REPLACE)));
    SetResponse response = SetResponse.newBuilder().setPrefix(request.getPrefix()).addAllResponse(results)
        .setTimestamp(DmsSimulator.nanos(sim.clock().instant())).build();
    sim.respond(() -> {
      responses.onNext(response);
      responses.onCompleted();
    });
  }

  @Override
  public void get(GetRequest request, StreamObserver<GetResponse> responses) {
    if (sim.hangs(DmsSimulator.Op.GET, responses)) {
      return;
    }
    String prefix = path(request.getPrefix());
    Notification.Builder notification = Notification.newBuilder()
        .setTimestamp(DmsSimulator.nanos(sim.clock().instant()));
    for (Path path : request.getPathList()) {
      notification.addUpdate(Update.newBuilder().setPath(path)
          .setVal(TypedValue.newBuilder().setStringVal(read(join(prefix, path(path)), path))));
    }
    if (notification.getUpdateCount() == 0) {
      notification.addUpdate(Update.newBuilder().setVal(TypedValue.newBuilder().setStringVal("")));
    }
    GetResponse response = GetResponse.newBuilder().addNotification(notification).build();
    sim.respond(() -> {
      responses.onNext(response);
      responses.onCompleted();
    });
  }

  private String read(String key, Path path) {
    // nvidia/command[run=<shell command>]/run
    if (path.getElemCount() == 3 && path.getElem(0).getName().equals("nvidia")
        && path.getElem(1).getName().equals("command") && path.getElem(1).containsKey("run")) {
      return sim.commandOutput(path.getElem(1).getKeyOrThrow("run"));
    }
    return sim.config.getOrDefault(key, "");
  }

  private static UpdateResult result(Update update, UpdateResult.Operation op) {
    return UpdateResult.newBuilder().setPath(update.getPath()).setOp(op).build();
  }

  /** {@code a/b[k=v]/c}, keys sorted; the deprecated {@code element} form is read too (old clients). */
  @SuppressWarnings("deprecation")
  static String path(Path path) {
    List<String> parts = new ArrayList<>();
    if (path.getElemCount() == 0) {
      parts.addAll(path.getElementList());
    }
    for (PathElem elem : path.getElemList()) {
      StringBuilder part = new StringBuilder(elem.getName());
      for (Map.Entry<String, String> key : new TreeMap<>(elem.getKeyMap()).entrySet()) {
        part.append('[').append(key.getKey()).append('=').append(key.getValue()).append(']');
      }
      parts.add(part.toString());
    }
    return String.join("/", parts);
  }

  private static String join(String prefix, String path) {
    return prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + "/" + path;
  }

  private static String value(TypedValue value) {
    return switch (value.getValueCase()) {
      case STRING_VAL -> value.getStringVal();
      case ASCII_VAL -> value.getAsciiVal();
      case INT_VAL -> Long.toString(value.getIntVal());
      case UINT_VAL -> Long.toUnsignedString(value.getUintVal());
      case BOOL_VAL -> Boolean.toString(value.getBoolVal());
      case DOUBLE_VAL -> Double.toString(value.getDoubleVal());
      case JSON_VAL -> value.getJsonVal().toStringUtf8();
      case JSON_IETF_VAL -> value.getJsonIetfVal().toStringUtf8();
      default -> value.toString().trim();
    };
  }
}
