package dev.dpf.dms;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import dev.dpf.dms.proto.gnmi.SetRequest;
import dev.dpf.dms.proto.gnmi.TypedValue;
import dev.dpf.dms.proto.gnmi.Update;
import dev.dpf.dms.proto.gnoi.os.ActivateOK;
import dev.dpf.dms.proto.gnoi.os.ActivateRequest;
import dev.dpf.dms.proto.gnoi.os.ActivateResponse;
import dev.dpf.dms.proto.gnoi.os.InstallError;
import dev.dpf.dms.proto.gnoi.os.InstallRequest;
import dev.dpf.dms.proto.gnoi.os.InstallResponse;
import dev.dpf.dms.proto.gnoi.os.OSGrpc;
import dev.dpf.dms.proto.gnoi.os.TransferEnd;
import dev.dpf.dms.proto.gnoi.os.TransferProgress;
import dev.dpf.dms.proto.gnoi.os.TransferReady;
import dev.dpf.dms.proto.gnoi.os.TransferRequest;
import dev.dpf.dms.proto.gnoi.os.Validated;
import dev.dpf.dms.proto.gnoi.system.RebootStatus;
import dev.dpf.dms.proto.gnoi.system.RebootStatusRequest;
import dev.dpf.dms.proto.gnoi.system.RebootStatusResponse;
import dev.dpf.dms.proto.gnoi.system.SystemGrpc;
import dev.dpf.dms.proto.gnoi.types.Path;
import dev.dpf.dms.proto.gnoi.types.PathElem;
import dev.dpf.dms.proto.gnmi.gNMIGrpc;
import io.grpc.MethodDescriptor;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The encoded examples of dms-gnoi.md 2.6, byte for byte, and the gRPC paths of section 1. */
class WireFormatTest {

  @Test
  void installMessages() throws Exception {
    assertBytes(InstallRequest.newBuilder()
        .setTransferRequest(TransferRequest.newBuilder().setVersion("x.bfb")).build(), "0A 07 0A 05 78 2E 62 66 62");
    assertBytes(InstallRequest.newBuilder().setTransferContent(ByteString.copyFrom(new byte[] {1, 2, 3})).build(),
        "12 03 01 02 03");
    assertBytes(InstallRequest.newBuilder().setTransferEnd(TransferEnd.getDefaultInstance()).build(), "1A 00");
    assertBytes(InstallResponse.newBuilder().setTransferReady(TransferReady.getDefaultInstance()).build(), "0A 00");
    assertBytes(InstallResponse.newBuilder()
        .setTransferProgress(TransferProgress.newBuilder().setBytesReceived(65536)).build(), "12 04 08 80 80 04");
    assertBytes(InstallResponse.newBuilder().setValidated(Validated.newBuilder().setVersion("x.bfb")).build(),
        "22 07 0A 05 78 2E 62 66 62");
    assertBytes(InstallResponse.newBuilder().setInstallError(
        InstallError.newBuilder().setType(InstallError.Type.PARSE_FAIL).setDetail("bad")).build(),
        "2A 07 08 03 12 03 62 61 64");
  }

  @Test
  void activateMessages() throws Exception {
    assertBytes(ActivateRequest.newBuilder().setVersion("a;b").build(), "0A 03 61 3B 62");
    assertBytes(ActivateRequest.newBuilder().setVersion("a;b").setNoReboot(true).build(), "0A 03 61 3B 62 18 01");
    assertBytes(ActivateResponse.newBuilder().setActivateOk(ActivateOK.getDefaultInstance()).build(), "0A 00");
  }

  @Test
  void rebootStatusMessages() throws Exception {
    assertBytes(RebootStatusRequest.newBuilder()
        .addSubcomponents(Path.newBuilder().addElem(PathElem.newBuilder().setName("CPU"))).build(),
        "0A 07 1A 05 0A 03 43 50 55");
    assertBytes(RebootStatusResponse.newBuilder().setActive(true).build(), "08 01");
    assertBytes(RebootStatusResponse.newBuilder()
        .setStatus(RebootStatus.newBuilder().setStatus(RebootStatus.Status.STATUS_SUCCESS)).build(), "3A 02 08 01");
  }

  @Test
  void gnmiMessages() throws Exception {
    dev.dpf.dms.proto.gnmi.Path.Builder path = dev.dpf.dms.proto.gnmi.Path.newBuilder();
    for (String element : DmsClient.MODE_PATH) {
      path.addElem(dev.dpf.dms.proto.gnmi.PathElem.newBuilder().setName(element));
    }
    assertBytes(SetRequest.newBuilder()
        .addUpdate(Update.newBuilder().setPath(path).setVal(TypedValue.newBuilder().setStringVal("DPU"))).build(),
        "22 2D 0A 24 1A 08 0A 06 6E 76 69 64 69 61 1A 06 0A 04 6D 6F 64 65 1A 08 0A 06 63 6F 6E 66 69 67 1A 06 0A 04"
            + " 6D 6F 64 65 1A 05 0A 03 44 50 55");
    assertBytes(dev.dpf.dms.proto.gnmi.PathElem.newBuilder().setName("command").putKey("run", "ls").build(),
        "0A 07 63 6F 6D 6D 61 6E 64 12 09 0A 03 72 75 6E 12 02 6C 73");
  }

  @Test
  void grpcPaths() {
    assertThat(path(OSGrpc.getInstallMethod())).isEqualTo("gnoi.os.OS/Install");
    assertThat(OSGrpc.getInstallMethod().getType()).isEqualTo(MethodDescriptor.MethodType.BIDI_STREAMING);
    assertThat(path(OSGrpc.getActivateMethod())).isEqualTo("gnoi.os.OS/Activate");
    assertThat(path(OSGrpc.getVerifyMethod())).isEqualTo("gnoi.os.OS/Verify");
    assertThat(path(SystemGrpc.getRebootStatusMethod())).isEqualTo("gnoi.system.System/RebootStatus");
    assertThat(path(SystemGrpc.getRebootMethod())).isEqualTo("gnoi.system.System/Reboot");
    assertThat(path(SystemGrpc.getTimeMethod())).isEqualTo("gnoi.system.System/Time");
    assertThat(path(gNMIGrpc.getSetMethod())).isEqualTo("gnmi.gNMI/Set");
    assertThat(path(gNMIGrpc.getGetMethod())).isEqualTo("gnmi.gNMI/Get");
  }

  private static String path(MethodDescriptor<?, ?> method) {
    return method.getFullMethodName();
  }

  /** Encodes {@code message}, compares with the vector, and decodes the vector back to an equal message. */
  private static void assertBytes(MessageLite message, String hex) throws Exception {
    byte[] expected = HexFormat.ofDelimiter(" ").withUpperCase().parseHex(hex);
    assertThat(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(message.toByteArray())).isEqualTo(hex);
    assertThat(message.getParserForType().parseFrom(expected)).isEqualTo(message);
  }
}
