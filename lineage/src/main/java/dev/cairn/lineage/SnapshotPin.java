package dev.cairn.lineage;

/** A snapshot that a live artifact refers to, so garbage collection must keep it. */
public record SnapshotPin(String namespace, long artifactId, String snapshotId) {}
