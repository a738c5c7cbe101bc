package dev.cairn.store.engine;

import dev.cairn.store.AlreadyExistsException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.RepositoryConfig;
import dev.cairn.store.RepositoryLocation;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.WriterLeaseSettings;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.lease.LeasedBackend;
import dev.cairn.store.lease.WriterLease;
import dev.cairn.store.s3.S3Backend;
import java.time.Duration;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and opens repositories in S3 buckets. The bucket holds every durable object; the index
 * and cached metadata packs live in the user's cache directory and are brought up to date from the
 * bucket on every open ({@link IndexRefresher}), so a deleted cache costs one rebuild. A process
 * that opens one for writing holds its {@link WriterLease} until it closes it.
 */
public final class BucketRepositories {
  private static final Logger log = LoggerFactory.getLogger(BucketRepositories.class);

  private BucketRepositories() {}

  /**
   * Creates a repository under the location's prefix, creating the bucket first when it is missing
   * and the credentials allow it. Refuses a prefix that holds objects already.
   */
  public static DefaultRepository init(RepositoryLocation.Bucket where, RepositoryOptions options) {
    S3Backend s3 = S3Backend.connect(where.location(), where.settings());
    RepositoryConfig config;
    try {
      if (s3.createBucketIfMissing()) {
        log.info("Created bucket {}", where.location().bucket());
      }
      if (s3.stat(ConfigCodec.OBJECT).isPresent()) {
        throw new AlreadyExistsException(
            "Cannot init repository " + where + ": a repository exists there already");
      }
      try (Stream<ObjectInfo> s = s3.list("")) {
        if (s.findAny().isPresent()) {
          throw new AlreadyExistsException(
              "Cannot init repository " + where + ": the prefix holds other objects");
        }
      }
      config = DefaultRepository.newConfig(options);
      if (!s3.put(ConfigCodec.OBJECT, ConfigCodec.toProto(config).toByteArray())) {
        throw new AlreadyExistsException(
            "Cannot init repository " + where + ": a repository exists there already");
      }
    } catch (RuntimeException e) {
      s3.close();
      throw e;
    }
    return open(where, s3, config, options, false);
  }

  /** Opens a bucket repository for writing; {@link NotFoundException} if there is none. */
  public static DefaultRepository open(RepositoryLocation.Bucket where, RepositoryOptions options) {
    return open(where, options, false);
  }

  /**
   * Opens a bucket repository for reading. The index is refreshed first unless another process of
   * this machine has it open for writing, in which case that process keeps it fresh.
   */
  public static DefaultRepository openReadOnly(
      RepositoryLocation.Bucket where, RepositoryOptions options) {
    return open(where, options, true);
  }

  private static DefaultRepository open(
      RepositoryLocation.Bucket where, RepositoryOptions options, boolean readOnly) {
    S3Backend s3 = S3Backend.connect(where.location(), where.settings());
    RepositoryConfig config;
    try {
      byte[] bytes;
      try {
        bytes = s3.readAll(ConfigCodec.OBJECT);
      } catch (NotFoundException e) {
        throw new NotFoundException(
            "No cairn repository at " + where + " (run 'cairn init' to create one)");
      }
      config = ConfigCodec.parse(bytes, where.toString());
    } catch (RuntimeException e) {
      s3.close();
      throw e;
    }
    return open(where, s3, config, options, readOnly);
  }

  private static DefaultRepository open(
      RepositoryLocation.Bucket where,
      S3Backend s3,
      RepositoryConfig config,
      RepositoryOptions options,
      boolean readOnly) {
    ObjectBackend backend = s3;
    try {
      CacheDir cache = CacheDir.of(where, config.repositoryId());
      PackCache packs = new PackCache(s3, cache.packs(), where.packCacheBytes());
      backend = packs;
      RepositoryStorage.WriteGuard guard = RepositoryStorage.WriteGuard.NONE;
      if (!readOnly) {
        WriterLease lease = lease(where, s3, options);
        backend = new LeasedBackend(packs, lease);
        guard = lease::verify;
      }
      RepositoryStorage storage =
          new RepositoryStorage(
              backend,
              PackReadAhead.over(backend),
              cache.index(),
              cache.temp(),
              where.toString(),
              cache.dir(),
              guard);
      if (readOnly) {
        refreshUnlessBusy(storage, packs);
        return new DefaultRepository(storage, config, options, true);
      }
      DefaultRepository repo = new DefaultRepository(storage, config, options, false);
      try {
        report(new IndexRefresher(backend, repo.index(), packs::markMetadata).refresh());
      } catch (RuntimeException e) {
        repo.close();
        throw e;
      }
      return repo;
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  /**
   * Claims the writer lease. Where the server has conditional writes a claim is one atomic request;
   * elsewhere it settles before it counts.
   */
  private static WriterLease lease(
      RepositoryLocation.Bucket where, S3Backend s3, RepositoryOptions options) {
    WriterLeaseSettings settings =
        s3.conditionalWrites() ? where.lease().withSettle(Duration.ZERO) : where.lease();
    return WriterLease.acquire(
        s3, where.toString(), settings, options.lockTimeout(), options.clock(), log::warn);
  }

  private static void refreshUnlessBusy(RepositoryStorage storage, PackCache packs) {
    RocksIndex index;
    try {
      index = RocksIndex.open(storage.indexDir(), Duration.ZERO);
    } catch (UnavailableException busy) {
      // A writer of this machine holds the index; it refreshed it when it opened.
      return;
    }
    try (index) {
      report(new IndexRefresher(storage.backend(), index, packs::markMetadata).refresh());
    }
  }

  private static void report(IndexRefresher.Result r) {
    log.debug("Index refresh: {}", r);
  }
}
