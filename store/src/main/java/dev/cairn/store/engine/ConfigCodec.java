package dev.cairn.store.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.RepositoryConfig;
import dev.cairn.store.chunk.ChunkerParams;
import dev.cairn.store.proto.RepoConfig;
import java.time.Instant;
import java.util.HexFormat;

/** The repository config object: written once at init, read at every open. */
final class ConfigCodec {
  static final String OBJECT = "config";
  static final int FORMAT_VERSION = 1;

  private ConfigCodec() {}

  static RepoConfig toProto(RepositoryConfig c) {
    ChunkerParams p = c.chunker();
    return RepoConfig.newBuilder()
        .setFormatVersion(c.formatVersion())
        .setRepositoryId(
            com.google.protobuf.ByteString.copyFrom(HexFormat.of().parseHex(c.repositoryId())))
        .setChunker(
            dev.cairn.store.proto.ChunkerParams.newBuilder()
                .setMinSize(p.minSize())
                .setAvgSize(p.avgSize())
                .setMaxSize(p.maxSize())
                .setGearSeed(p.gearSeed())
                .setNormalizationLevel(p.normalization()))
        .setPackTargetBytes(c.packTargetBytes())
        .setCompressionLevel(c.compressionLevel())
        .setCreatedUnixNanos(SnapshotCodec.nanos(c.createdAt()))
        .build();
  }

  static RepositoryConfig parse(byte[] bytes, String where) {
    RepoConfig r;
    try {
      r = RepoConfig.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptException("Repository config in " + where + " is unreadable", e);
    }
    if (r.getFormatVersion() != FORMAT_VERSION) {
      throw new InvalidArgumentException(
          "Cannot open repository "
              + where
              + ": format version "
              + r.getFormatVersion()
              + " is not supported (this cairn reads "
              + FORMAT_VERSION
              + ")");
    }
    var c = r.getChunker();
    try {
      return new RepositoryConfig(
          r.getFormatVersion(),
          HexFormat.of().formatHex(r.getRepositoryId().toByteArray()),
          new ChunkerParams(
              c.getMinSize(),
              c.getAvgSize(),
              c.getMaxSize(),
              c.getGearSeed(),
              c.getNormalizationLevel()),
          r.getPackTargetBytes(),
          r.getCompressionLevel(),
          Instant.ofEpochSecond(0, r.getCreatedUnixNanos()));
    } catch (InvalidArgumentException e) {
      throw new CorruptException(
          "Repository config in " + where + " is invalid: " + e.getMessage(), e);
    }
  }
}
