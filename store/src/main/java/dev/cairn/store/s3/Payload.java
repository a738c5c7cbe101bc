package dev.cairn.store.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The bytes of one upload, which every retry reads again from the start. */
abstract class Payload {
  private String sha256;
  private String md5;

  static Payload of(byte[] bytes) {
    return new Payload() {
      @Override
      long size() {
        return bytes.length;
      }

      @Override
      InputStream open() {
        return new ByteArrayInputStream(bytes);
      }
    };
  }

  static Payload of(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot upload " + file, e);
    }
    return new Payload() {
      @Override
      long size() {
        return size;
      }

      @Override
      InputStream open() throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
      }
    };
  }

  abstract long size();

  abstract InputStream open() throws IOException;

  /** The MD5 of the content, base64, as the {@code Content-MD5} header wants it. */
  synchronized String md5Base64() {
    if (md5 == null) {
      md5 = hash("MD5");
    }
    return md5;
  }

  private synchronized String sha256Base64() {
    if (sha256 == null) {
      sha256 = hash("SHA-256");
    }
    return sha256;
  }

  private String hash(String algorithm) {
    try (InputStream in = open()) {
      return Base64.getEncoder().encodeToString(digest(in, algorithm));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot hash upload", e);
    }
  }

  /** Whether the object stored under {@code name} has exactly this content. */
  boolean sameAs(S3Backend backend, String name) {
    byte[] stored = backend.readAll(name);
    if (stored.length != size()) {
      return false;
    }
    return Base64.getEncoder()
        .encodeToString(digest(new ByteArrayInputStream(stored), "SHA-256"))
        .equals(sha256Base64());
  }

  private static byte[] digest(InputStream in, String algorithm) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return md.digest();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot hash upload", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }
}
