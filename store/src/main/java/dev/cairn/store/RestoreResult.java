package dev.cairn.store;

/** What a restore wrote. */
public record RestoreResult(long files, long directories, long symlinks, long bytes) {}
