package dev.cairn.store.pack;

import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.PackEntry;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished pack, ready to upload: its id, size and table of contents, and its local file (null
 * for a pack written straight into an upload).
 */
public record SealedPack(ObjectId id, Path file, long size, List<PackEntry> entries) {
  public SealedPack {
    entries = List.copyOf(entries);
  }
}
