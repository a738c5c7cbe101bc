package dev.cairn.store.transfer;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.BlobSource;
import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.FileNode;
import dev.cairn.store.proto.Tree;

/**
 * The source's blobs, each verified against its id before it is used or sent: a source may be a
 * server, and what it answers is not trusted. Thread safe.
 */
final class SourceBlobs {
  private final BlobSource source;
  private final String location;

  SourceBlobs(BlobSource source, String location) {
    this.source = source;
    this.location = location;
  }

  byte[] read(ObjectId id) {
    byte[] bytes = source.read(id);
    if (!ObjectId.hash(bytes).equals(id)) {
      throw new CorruptException(
          "Cannot copy blob " + id + " from " + location + ": its content does not match its id");
    }
    return bytes;
  }

  Tree tree(ObjectId id) {
    try {
      return Tree.parseFrom(read(id));
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptException("Tree " + id + " in " + location + " is unreadable", e);
    }
  }

  FileNode file(ObjectId id) {
    try {
      return FileNode.parseFrom(read(id));
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptException("File node " + id + " in " + location + " is unreadable", e);
    }
  }
}
