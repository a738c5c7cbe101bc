package dev.cairn.store.transfer;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.BlobSource;
import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.FileNode;
import dev.cairn.store.proto.Tree;
import java.util.ArrayList;
import java.util.List;

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
    return verified(id, source.read(id));
  }

  private byte[] verified(ObjectId id, byte[] bytes) {
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

  /** File nodes {@code ids}, in order, read together (one round trip from a server). */
  List<FileNode> files(List<ObjectId> ids) {
    List<byte[]> read = source.readAll(ids);
    List<FileNode> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      ObjectId id = ids.get(i);
      byte[] bytes = verified(id, read.get(i));
      try {
        out.add(FileNode.parseFrom(bytes));
      } catch (InvalidProtocolBufferException e) {
        throw new CorruptException("File node " + id + " in " + location + " is unreadable", e);
      }
    }
    return out;
  }
}
