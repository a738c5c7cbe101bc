package dev.cairn.api;

import dev.cairn.store.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Builds an in-memory key store from a PEM certificate chain and a PEM PKCS#8 private key. */
final class PemKeyStore {
  static final char[] PASSWORD = new char[0];

  private PemKeyStore() {}

  static KeyStore load(Path certFile, Path keyFile) {
    try {
      Certificate[] chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile)))
              .toArray(new Certificate[0]);
      if (chain.length == 0) {
        throw new InvalidArgumentException(
            "Cannot use TLS certificate " + certFile + ": it is empty");
      }
      PrivateKey key = privateKey(Files.readString(keyFile), keyFile, chain[0]);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("cairn", key, PASSWORD, chain);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidArgumentException(
          "Cannot use TLS certificate " + certFile + " and key " + keyFile + ": " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(String pem, Path file, Certificate cert)
      throws GeneralSecurityException {
    String begin = "-----BEGIN PRIVATE KEY-----";
    int start = pem.indexOf(begin);
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (start < 0 || end < 0) {
      throw new InvalidArgumentException(
          "Cannot use TLS key " + file + ": expected a PEM 'BEGIN PRIVATE KEY' (PKCS#8) block");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end).strip());
    String algorithm = cert.getPublicKey().getAlgorithm();
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }
}
