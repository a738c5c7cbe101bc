package dev.cairn.store.s3;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.S3Location;
import dev.cairn.store.S3Settings;
import dev.cairn.store.S3Tuning;
import dev.cairn.store.SupportsReplace;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Objects in an S3 bucket under a key prefix, through the MinIO SDK. Single PUTs carry an MD5
 * checksum the server verifies; objects above the multipart threshold go up in parts, and an
 * unfinished multipart upload is never visible. Reads are ranged GETs. Every request is retried
 * with backoff on transient failures (see {@link Retrier}).
 *
 * <p>Put-if-absent uses S3 conditional writes ({@code If-None-Match: *}) where the server honours
 * them, which it probes once. Elsewhere, and for multipart uploads, it is a HEAD then a PUT, atomic
 * only among threads of this process; across processes, the repository's writer lease keeps writers
 * apart. Thread safe.
 */
public final class S3Backend implements ObjectBackend, SupportsReplace {
  private static final String PROBE_PREFIX = "probes/";

  private final S3Location location;
  private final S3Tuning tuning;
  private final MinioClient client;
  private final Retrier retrier;
  private final S3Lister lister;
  private final ConditionalWrites conditional;
  private final ReentrantLock[] stripes = new ReentrantLock[64];

  S3Backend(S3Location location, S3Settings settings, Retrier retrier) {
    this.location = location;
    this.tuning = settings.tuning();
    this.client = S3Clients.build(settings);
    this.retrier = retrier;
    this.lister = new S3Lister(client, location.bucket(), retrier);
    this.conditional = new ConditionalWrites(this::probeConditionalWrites);
    Arrays.setAll(stripes, i -> new ReentrantLock());
  }

  /** Connects to the bucket of {@code location}; makes no request until the first operation. */
  public static S3Backend connect(S3Location location, S3Settings settings) {
    return new S3Backend(location, settings, new Retrier(settings.tuning()));
  }

  /** Whether the bucket exists (and these credentials may see it). */
  public boolean bucketExists() {
    return retrier.call(
        "Cannot look up bucket " + location.bucket(),
        () -> client.bucketExists(BucketExistsArgs.builder().bucket(location.bucket()).build()));
  }

  /**
   * Creates the bucket unless it exists.
   *
   * @return true if this call created it
   */
  public boolean createBucketIfMissing() {
    if (bucketExists()) {
      return false;
    }
    return retrier.call(
        "Cannot create bucket " + location.bucket(),
        () -> {
          try {
            client.makeBucket(MakeBucketArgs.builder().bucket(location.bucket()).build());
            return true;
          } catch (ErrorResponseException e) {
            if ("BucketAlreadyOwnedByYou".equals(S3Errors.code(e))) {
              return false;
            }
            throw e;
          }
        });
  }

  /** Whether put-if-absent is a single conditional request here (probed on first use). */
  public boolean conditionalWrites() {
    return conditional.supported();
  }

  public S3Location location() {
    return location;
  }

  @Override
  public boolean put(String name, byte[] bytes) {
    String key = key(name);
    return upload(name, key, Payload.of(bytes));
  }

  @Override
  public boolean putFile(String name, Path file) {
    String key = key(name);
    try {
      return upload(name, key, Payload.of(file));
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // The caller gave the file away; a leftover temp file is only clutter.
      }
    }
  }

  private boolean upload(String name, String key, Payload payload) {
    String action = "Cannot store object " + name + " in " + location;
    boolean multipart = payload.size() > tuning.multipartThreshold();
    // A single PUT carries the object's MD5, which every S3 implementation verifies before it
    // stores anything (x-amz-checksum-sha256 is newer and S3Proxy refuses it); multipart parts
    // are checked by the SDK's signed payload hashes.
    Map<String, String> checksum =
        multipart ? Map.of() : Map.of("Content-MD5", payload.md5Base64());
    if (multipart || !conditional.supported()) {
      ReentrantLock stripe = stripes[Math.floorMod(name.hashCode(), stripes.length)];
      stripe.lock();
      try {
        if (stat(name).isPresent()) {
          return false;
        }
        retrier.call(action, () -> send(key, payload, checksum));
        return true;
      } finally {
        stripe.unlock();
      }
    }
    Map<String, String> headers = new HashMap<>(checksum);
    headers.put("If-None-Match", "*");
    AtomicBoolean sentBefore = new AtomicBoolean();
    return retrier.call(
        action,
        () -> {
          try {
            send(key, payload, headers);
            return true;
          } catch (ErrorResponseException e) {
            if (S3Errors.isPreconditionFailed(e)) {
              // After a lost response, the object there may be the one an earlier attempt wrote.
              return sentBefore.get() && payload.sameAs(this, name);
            }
            sentBefore.set(true);
            throw e;
          } catch (IOException e) {
            sentBefore.set(true);
            throw e;
          }
        });
  }

  private Void send(String key, Payload payload, Map<String, String> headers) throws Exception {
    long partSize = payload.size() > tuning.multipartThreshold() ? tuning.partSize() : -1;
    try (InputStream in = payload.open()) {
      client.putObject(
          PutObjectArgs.builder().bucket(location.bucket()).object(key).headers(headers).stream(
                  in,
                  payload.size(),
                  partSize > 0 ? partSize : Math.max(payload.size(), S3Tuning.MIN_PART_SIZE))
              .build());
    }
    return null;
  }

  @Override
  public void replace(String name, byte[] bytes) {
    String key = key(name);
    Payload payload = Payload.of(bytes);
    retrier.call(
        "Cannot replace object " + name + " in " + location,
        () -> send(key, payload, Map.of("Content-MD5", payload.md5Base64())));
  }

  @Override
  public byte[] read(String name, long offset, int length) {
    String key = key(name);
    if (length == 0) {
      if (stat(name).isEmpty()) {
        throw notFound(name);
      }
      return new byte[0];
    }
    return retrier.call(
        "Cannot read object " + name + " in " + location,
        () -> {
          try (GetObjectResponse in =
              client.getObject(
                  GetObjectArgs.builder()
                      .bucket(location.bucket())
                      .object(key)
                      .offset(offset)
                      .length((long) length)
                      .build())) {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
              throw pastEnd(name, offset, length);
            }
            return bytes;
          } catch (ErrorResponseException e) {
            if (S3Errors.isNotFound(e)) {
              throw notFound(name);
            }
            if (S3Errors.status(e) == 416) {
              throw pastEnd(name, offset, length);
            }
            throw e;
          }
        });
  }

  @Override
  public byte[] readAll(String name) {
    String key = key(name);
    return retrier.call(
        "Cannot read object " + name + " in " + location,
        () -> {
          try (GetObjectResponse in =
              client.getObject(
                  GetObjectArgs.builder().bucket(location.bucket()).object(key).build())) {
            return in.readAllBytes();
          } catch (ErrorResponseException e) {
            if (S3Errors.isNotFound(e)) {
              throw notFound(name);
            }
            throw e;
          }
        });
  }

  @Override
  public Optional<ObjectInfo> stat(String name) {
    String key = key(name);
    return retrier.call(
        "Cannot stat object " + name + " in " + location,
        () -> {
          try {
            StatObjectResponse r =
                client.statObject(
                    StatObjectArgs.builder().bucket(location.bucket()).object(key).build());
            return Optional.of(new ObjectInfo(name, r.size(), r.lastModified().toInstant()));
          } catch (ErrorResponseException e) {
            if (S3Errors.isNotFound(e)) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  /**
   * The {@code Date} header of a HEAD on {@code name}: every S3 answer carries the server's time.
   */
  @Override
  public Optional<Instant> serverTime(String name) {
    String key = key(name);
    return retrier.call(
        "Cannot read the time of " + location,
        () -> {
          StatObjectResponse r =
              client.statObject(
                  StatObjectArgs.builder().bucket(location.bucket()).object(key).build());
          String date = r.headers().get("Date");
          if (date == null) {
            return Optional.empty();
          }
          try {
            return Optional.of(
                ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
          } catch (DateTimeParseException e) {
            // An unreadable date tells no time; the caller falls back as if none was sent.
            return Optional.empty();
          }
        });
  }

  @Override
  public boolean delete(String name) {
    if (stat(name).isEmpty()) {
      return false;
    }
    String key = key(name);
    retrier.call(
        "Cannot delete object " + name + " in " + location,
        () -> {
          client.removeObject(
              RemoveObjectArgs.builder().bucket(location.bucket()).object(key).build());
          return null;
        });
    return true;
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    String root = location.prefix().isEmpty() ? "" : location.prefix() + "/";
    return lister.list(
        root + prefix, root.length(), "Cannot list objects under " + prefix + " in " + location);
  }

  @Override
  public String describe() {
    return location.toString();
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception ignored) {
      // Closing only releases idle connections and threads; nothing is lost if it fails.
    }
  }

  /**
   * Writes an object twice with {@code If-None-Match: *}: a server that honours the header refuses
   * the second write with 412; one that ignores it (or rejects the header) does not.
   */
  private boolean probeConditionalWrites() {
    String key = location.key(PROBE_PREFIX + UUID.randomUUID());
    Payload probe = Payload.of(new byte[] {1});
    Map<String, String> ifAbsent = Map.of("If-None-Match", "*");
    String action = "Cannot probe conditional writes in " + location;
    try {
      return retrier.call(
          action,
          () -> {
            try {
              send(key, probe, ifAbsent);
            } catch (ErrorResponseException e) {
              if (S3Errors.status(e) == 501 || S3Errors.status(e) == 400) {
                return false;
              }
              throw e;
            }
            try {
              send(key, probe, ifAbsent);
              return false;
            } catch (ErrorResponseException e) {
              if (S3Errors.isPreconditionFailed(e)) {
                return true;
              }
              throw e;
            }
          });
    } finally {
      retrier.call(
          action,
          () -> {
            client.removeObject(
                RemoveObjectArgs.builder().bucket(location.bucket()).object(key).build());
            return null;
          });
    }
  }

  private String key(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.contains("\0") || name.contains("\\")) {
      throw new InvalidArgumentException("Invalid object name '" + name + "'");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new InvalidArgumentException("Invalid object name '" + name + "'");
      }
    }
    return location.key(name);
  }

  private NotFoundException notFound(String name) {
    return new NotFoundException("Object " + name + " does not exist in " + location);
  }

  private static NotFoundException pastEnd(String name, long offset, int length) {
    return new NotFoundException(
        "Cannot read object " + name + ": range " + offset + "+" + length + " is past its end");
  }
}
