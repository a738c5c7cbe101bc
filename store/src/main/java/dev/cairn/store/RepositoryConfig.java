package dev.cairn.store;

import dev.cairn.store.chunk.ChunkerParams;
import java.time.Instant;

/** A repository's immutable settings, fixed at init. */
public record RepositoryConfig(
    int formatVersion,
    String repositoryId,
    ChunkerParams chunker,
    long packTargetBytes,
    int compressionLevel,
    Instant createdAt) {}
