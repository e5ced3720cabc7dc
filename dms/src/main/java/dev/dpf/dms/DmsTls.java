package dev.dpf.dms;

import io.fabric8.kubernetes.api.model.Secret;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * mTLS material of the DMS client: the client certificate chain and key (presented to {@code dmsd -auth cert}) and
 * the CA the DMS server certificate must chain to. The server's identity is also checked against the dialled
 * address (an IP address must be an IP SAN of the server certificate), as grpc-go does for DPF.
 *
 * <p>Parsed eagerly, so a bad Secret fails here with {@link DmsException.Reason#TLS_MATERIAL}. {@link #toString()}
 * shows only subjects.
 */
public final class DmsTls {

  /** Client Secret read by the DPU controller (cert-manager Certificate {@code dpf-provisioning-client-cert}). */
  public static final String CLIENT_SECRET = "dpf-provisioning-client-secret";
  /** Key of the certificate (chain) in a kubernetes.io/tls Secret. */
  public static final String TLS_CRT = "tls.crt";
  /** Key of the private key in a kubernetes.io/tls Secret. */
  public static final String TLS_KEY = "tls.key";
  /** Key of the issuing CA in a cert-manager Secret. */
  public static final String CA_CRT = "ca.crt";

  private final List<X509Certificate> clientChain;
  private final PrivateKey clientKey;
  private final List<X509Certificate> trusted;

  private DmsTls(List<X509Certificate> clientChain, PrivateKey clientKey, List<X509Certificate> trusted) {
    this.clientChain = List.copyOf(clientChain);
    this.clientKey = clientKey;
    this.trusted = List.copyOf(trusted);
  }

  /**
   * From PEM text.
   *
   * @param clientCertPem the client certificate, optionally followed by intermediates
   * @param clientKeyPem its private key (PKCS#8, PKCS#1 or SEC1, unencrypted)
   * @param caPem the CA certificate(s) that sign the DMS server certificate
   * @throws DmsException with reason TLS_MATERIAL when anything cannot be read
   */
  public static DmsTls fromPem(String clientCertPem, String clientKeyPem, String caPem) {
    try {
      return new DmsTls(Pem.certificates(clientCertPem, "client certificate"),
          Pem.privateKey(clientKeyPem, "client key"), Pem.certificates(caPem, "CA certificate"));
    } catch (IllegalArgumentException e) {
      throw new DmsException(DmsException.Reason.TLS_MATERIAL, e.getMessage());
    }
  }

  /**
   * The way DPF v24.10 assembles it: {@code tls.crt}/{@code tls.key} of the client Secret
   * ({@value #CLIENT_SECRET}) and {@code ca.crt} of the DPU's DMS server Secret ({@code <dpu>-server-secret}).
   * Messages match upstream's ("tls.crt not found in client secret", "ca.crt not found in Server secret").
   *
   * @throws DmsException with reason TLS_MATERIAL
   */
  public static DmsTls fromSecrets(Secret clientSecret, Secret serverSecret) {
    if (clientSecret == null) {
      throw new DmsException(DmsException.Reason.TLS_MATERIAL, "client secret not found");
    }
    if (serverSecret == null) {
      throw new DmsException(DmsException.Reason.TLS_MATERIAL, "server secret not found");
    }
    String cert = value(clientSecret, TLS_CRT, "client secret");
    String key = value(clientSecret, TLS_KEY, "client secret");
    String ca = value(serverSecret, CA_CRT, "Server secret");
    return fromPem(cert, key, ca);
  }

  private static String value(Secret secret, String key, String what) {
    Map<String, String> data = secret.getData();
    if (data != null && data.get(key) != null && !data.get(key).isEmpty()) {
      try {
        return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new DmsException(DmsException.Reason.TLS_MATERIAL, key + " in " + what + " is not valid base64");
      }
    }
    Map<String, String> stringData = secret.getStringData();
    if (stringData != null && stringData.get(key) != null && !stringData.get(key).isEmpty()) {
      return stringData.get(key);
    }
    throw new DmsException(DmsException.Reason.TLS_MATERIAL, key + " not found in " + what);
  }

  SslContext clientContext() {
    try {
      return GrpcSslContexts.forClient()
          .trustManager(trusted.toArray(X509Certificate[]::new))
          .keyManager(clientKey, clientChain.toArray(X509Certificate[]::new))
          .build();
    } catch (SSLException | RuntimeException e) {
      throw new DmsException(DmsException.Reason.TLS_MATERIAL,
          "cannot build the TLS context from the client certificate, key and CA: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "DmsTls[client=" + clientChain.get(0).getSubjectX500Principal().getName() + ", ca="
        + trusted.get(0).getSubjectX500Principal().getName() + "]";
  }
}
