package dev.cairn.store;

import java.time.Instant;

/**
 * One entry of a snapshot's tree as listings show it. {@code id} is the file node or tree id (null
 * for symlinks); {@code size} of a directory is the total of the files below it.
 */
public record Entry(
    String path,
    EntryType type,
    int mode,
    Instant mtime,
    long size,
    long fileCount,
    ObjectId id,
    String symlinkTarget) {

  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
