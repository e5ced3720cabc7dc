package dev.dpf.dms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpf.testing.Pki;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;

class DmsTlsTest {

  private static final Pki.CertKey CA = Pki.newCa("dpf-provisioning-ca-cert");
  private static final Pki.CertKey CLIENT = Pki.issue(CA, "CN=dpf-provisioning-client-cert", List.of(), false,
      Duration.ofHours(24));

  @Test
  void readsEveryKeyEncodingCertManagerWrites() throws Exception {
    KeyPair rsa = Pki.newRsaKeyPair();
    KeyPair ec = Pki.newKeyPair();
    // PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY"), SEC1 ("EC PRIVATE KEY")
    assertThat(Pem.privateKey(Pki.pkcs8Pem(rsa.getPrivate()), "k").getAlgorithm()).isEqualTo("RSA");
    assertThat(Pki.pem(rsa.getPrivate())).contains("BEGIN RSA PRIVATE KEY");
    assertThat(Pem.privateKey(Pki.pem(rsa.getPrivate()), "k").getAlgorithm()).isEqualTo("RSA");
    assertThat(Pem.privateKey(sec1(ec), "k").getAlgorithm()).isIn("EC", "ECDSA");

    DmsTls tls = DmsTls.fromPem(CLIENT.certPem(), Pki.pem(CLIENT.keyPair().getPrivate()), CA.certPem());
    assertThat(tls.clientContext()).isNotNull();
  }

  @Test
  void fromSecretsUsesClientCertAndServerCa() {
    DmsTls tls = DmsTls.fromSecrets(secret(Map.of("tls.crt", CLIENT.certPem(), "tls.key", CLIENT.keyPem())),
        secret(Map.of("ca.crt", CA.certPem())));

    assertThat(tls.toString()).isEqualTo(
        "DmsTls[client=CN=dpf-provisioning-client-cert, ca=CN=dpf-provisioning-ca-cert]");
  }

  @Test
  void missingKeysUseUpstreamMessages() {
    Secret server = secret(Map.of("ca.crt", CA.certPem()));
    assertThatThrownBy(() -> DmsTls.fromSecrets(secret(Map.of("tls.key", CLIENT.keyPem())), server))
        .isInstanceOf(DmsException.class).hasMessage("tls.crt not found in client secret");
    assertThatThrownBy(() -> DmsTls.fromSecrets(secret(Map.of("tls.crt", CLIENT.certPem())), server))
        .hasMessage("tls.key not found in client secret");
    assertThatThrownBy(() -> DmsTls.fromSecrets(
        secret(Map.of("tls.crt", CLIENT.certPem(), "tls.key", CLIENT.keyPem())), secret(Map.of())))
        .hasMessage("ca.crt not found in Server secret");
  }

  @Test
  void garbageIsRejectedWithoutEchoingIt() {
    String secretLooking = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXN0dWZm\n-----END PRIVATE KEY-----\n";
    assertThatThrownBy(() -> DmsTls.fromPem(CLIENT.certPem(), secretLooking, CA.certPem()))
        .isInstanceOf(DmsException.class)
        .satisfies(e -> assertThat(((DmsException) e).reason()).isEqualTo(DmsException.Reason.TLS_MATERIAL))
        .hasMessageStartingWith("client key is not a valid")
        .hasMessageNotContaining("c2VjcmV0");
    assertThatThrownBy(() -> DmsTls.fromPem("nope", CLIENT.keyPem(), CA.certPem()))
        .hasMessage("client certificate contains no PEM certificate");
  }

  /** SEC1 as Go's x509.MarshalECPrivateKey (cert-manager) writes it: with the named curve. */
  private static String sec1(KeyPair ec) throws Exception {
    ECPrivateKey key = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) ec.getPrivate()).getS(),
        SECObjectIdentifiers.secp256r1);
    return Pki.pem(new PemObject("EC PRIVATE KEY", key.getEncoded()));
  }

  private static Secret secret(Map<String, String> values) {
    SecretBuilder builder = new SecretBuilder().withNewMetadata().withName("s").endMetadata();
    values.forEach((k, v) -> builder.addToData(k,
        Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return builder.build();
  }
}
