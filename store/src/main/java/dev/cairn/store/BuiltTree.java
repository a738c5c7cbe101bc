package dev.cairn.store;

/**
 * What a {@link TreeBuilder} made: the root tree's id, the totals a snapshot of it records, and how
 * much it had to read.
 */
public record BuiltTree(
    ObjectId root,
    long totalFiles,
    long totalBytes,
    long filesRead,
    long filesReused,
    long bytesRead) {}
