package dev.cairn.store;

/** The stat data that tells whether a file may have changed since it was last read. */
public record FileStat(long size, long mtimeNanos, long ctimeNanos, long inode) {}
