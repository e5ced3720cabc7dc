package dev.dpf.dms;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * PEM decoding for TLS material from Kubernetes Secrets: certificates, and private keys in every unencrypted form
 * cert-manager writes (PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}).
 * Errors name the item ({@code what}) but never echo its content.
 */
public final class Pem {

  private Pem() {}

  /** Every certificate in {@code pem}, in order; at least one. */
  public static List<X509Certificate> certificates(String pem, String what) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    List<X509Certificate> result = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object item;
      while ((item = parser.readObject()) != null) {
        if (item instanceof X509CertificateHolder holder) {
          result.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      throw new IllegalArgumentException(what + " is not a valid PEM certificate (" + e.getClass().getSimpleName()
          + ")");
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException(what + " contains no PEM certificate");
    }
    return result;
  }

  /** The first private key in {@code pem}. */
  public static PrivateKey privateKey(String pem, String what) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object item;
      while ((item = parser.readObject()) != null) {
        if (item instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (item instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(what + " is not a valid unencrypted PEM private key ("
          + e.getClass().getSimpleName() + ")");
    }
    throw new IllegalArgumentException(what + " contains no unencrypted PEM private key");
  }
}
