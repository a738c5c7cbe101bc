package dev.cairn.store.pack;

import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.PackEntry;
import java.nio.file.Path;
import java.util.List;

/** A finished pack in a local file, ready to upload: its id, size and table of contents. */
public record SealedPack(ObjectId id, Path file, long size, List<PackEntry> entries) {
  public SealedPack {
    entries = List.copyOf(entries);
  }
}
