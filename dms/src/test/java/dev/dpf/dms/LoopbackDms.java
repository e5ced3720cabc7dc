package dev.dpf.dms;

import dev.dpf.dms.proto.gnmi.SetRequest;
import dev.dpf.dms.proto.gnmi.SetResponse;
import dev.dpf.dms.proto.gnmi.gNMIGrpc;
import dev.dpf.dms.proto.gnoi.os.ActivateOK;
import dev.dpf.dms.proto.gnoi.os.ActivateRequest;
import dev.dpf.dms.proto.gnoi.os.ActivateResponse;
import dev.dpf.dms.proto.gnoi.os.InstallRequest;
import dev.dpf.dms.proto.gnoi.os.InstallResponse;
import dev.dpf.dms.proto.gnoi.os.OSGrpc;
import dev.dpf.dms.proto.gnoi.system.RebootStatusRequest;
import dev.dpf.dms.proto.gnoi.system.RebootStatusResponse;
import dev.dpf.dms.proto.gnoi.system.SystemGrpc;
import dev.dpf.testing.Pki;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A scripted gNOI/gNMI server on 127.0.0.1 with mTLS, for client tests: each RPC's behaviour is a replaceable
 * function, and requests are recorded. (The full simulator lives in dpu-sim, which depends on this module.)
 */
final class LoopbackDms implements AutoCloseable {

  static final Pki.CertKey CA = Pki.newCa("dpf-provisioning-ca-cert");
  static final Pki.CertKey CLIENT = Pki.issue(CA, "CN=dpf-provisioning-client-cert", List.of(), false,
      Duration.ofHours(24));

  /** Handles one Install call: gets the response stream, returns the request observer. */
  volatile Function<StreamObserver<InstallResponse>, StreamObserver<InstallRequest>> install;
  volatile Function<ActivateRequest, ActivateResponse> activate =
      r -> ActivateResponse.newBuilder().setActivateOk(ActivateOK.getDefaultInstance()).build();
  volatile Function<RebootStatusRequest, RebootStatusResponse> rebootStatus =
      r -> RebootStatusResponse.newBuilder().build();
  final List<SetRequest> sets = new CopyOnWriteArrayList<>();
  final List<RebootStatusRequest> statusRequests = new CopyOnWriteArrayList<>();

  private final Server server;

  LoopbackDms() throws IOException {
    this(List.of("127.0.0.1"), CA);
  }

  /** A server whose certificate has {@code sans} and is signed by {@code signer}. */
  LoopbackDms(List<String> sans, Pki.CertKey signer) throws IOException {
    Pki.CertKey serving = Pki.issue(signer, "CN=dpu-a-dms-server-cert", sans, true, Duration.ofHours(24));
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(serving.keyPair().getPrivate(),
                serving.certificate()))
            .trustManager(new X509Certificate[] {CA.certificate()})
            .clientAuth(ClientAuth.REQUIRE)
            .build())
        .addService(new OSGrpc.OSImplBase() {
          @Override
          public StreamObserver<InstallRequest> install(StreamObserver<InstallResponse> responses) {
            return install.apply(responses);
          }

          @Override
          public void activate(ActivateRequest request, StreamObserver<ActivateResponse> responses) {
            unary(request, responses, (r, o) -> activate.apply(r));
          }
        })
        .addService(new SystemGrpc.SystemImplBase() {
          @Override
          public void rebootStatus(RebootStatusRequest request, StreamObserver<RebootStatusResponse> responses) {
            statusRequests.add(request);
            unary(request, responses, (r, o) -> rebootStatus.apply(r));
          }
        })
        .addService(new gNMIGrpc.gNMIImplBase() {
          @Override
          public void set(SetRequest request, StreamObserver<SetResponse> responses) {
            sets.add(request);
            responses.onNext(SetResponse.getDefaultInstance());
            responses.onCompleted();
          }
        })
        .build()
        .start();
  }

  private static <Q, R> void unary(Q request, StreamObserver<R> responses, BiFunction<Q, StreamObserver<R>, R> fn) {
    try {
      R response = fn.apply(request, responses);
      if (response != null) {
        responses.onNext(response);
        responses.onCompleted();
      }
    } catch (io.grpc.StatusRuntimeException e) {
      responses.onError(e);
    }
  }

  DmsAddress address() {
    return new DmsAddress("127.0.0.1", server.getPort());
  }

  static DmsTls clientTls() {
    return DmsTls.fromPem(CLIENT.certPem(), CLIENT.keyPem(), CA.certPem());
  }

  DmsClient client(DmsTimeouts timeouts) {
    return DmsClient.connect(address(), clientTls(), timeouts);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
