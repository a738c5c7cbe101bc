package dev.cairn.store.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.CrashPoints;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.ReceivedPack;
import dev.cairn.store.index.Batch;
import dev.cairn.store.index.RocksIndex.Table;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.pack.PackFile;
import dev.cairn.store.pack.PackFormat;
import dev.cairn.store.proto.ChunkRef;
import dev.cairn.store.proto.Compression;
import dev.cairn.store.proto.FileNode;
import dev.cairn.store.proto.PackEntry;
import dev.cairn.store.proto.Tree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes a pack from a client: stages it in the backend's scratch space, verifies its layout and
 * every blob (hash, length, and that trees and file nodes parse), and only then stores it under its
 * id and indexes the blobs the repository lacked. A refused pack leaves nothing behind. Blobs are
 * verified straight from the staged file mapped into memory, through one decompression buffer per
 * pack: a heap copy of each stored and each decoded blob made the server's young collections run
 * every few megabytes of upload.
 */
final class PackReceiver {
  /** Larger than any chunk (at most 64 MiB) and any sane tree; bounds what one entry allocates. */
  static final int MAX_BLOB_BYTES = 64 << 20;

  private static final int STAGING_BUFFER_BYTES = 256 << 10;

  private final DefaultRepository repo;

  PackReceiver(DefaultRepository repo) {
    this.repo = repo;
  }

  ReceivedPack receive(InputStream in, long maxBytes) {
    Path staged = stage(in, maxBytes);
    try {
      PackFile pack;
      try {
        pack = PackFile.open(staged, "upload", MAX_BLOB_BYTES);
      } catch (CorruptException e) {
        throw refused(e);
      }
      try (pack) {
        Map<ObjectId, FileNode> files = verifyBlobs(pack, staged);
        ReceivedPack received = store(pack, staged);
        repo.receivedFiles().add(files);
        return received;
      }
    } finally {
      deleteQuietly(staged);
    }
  }

  private Path stage(InputStream in, long maxBytes) {
    Path staged;
    try {
      staged = Files.createTempFile(repo.tempDir(), "upload-", ".pack.tmp");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stage an uploaded pack", e);
    }
    try (OutputStream out = Files.newOutputStream(staged)) {
      byte[] buf = new byte[STAGING_BUFFER_BYTES];
      long total = 0;
      int n;
      // Whole buffers only: a write that ends inside a page of a new file block makes the kernel
      // zero the rest of that page first, and bodies arrive in pieces of any length (that
      // zeroing was a tenth of the server's CPU on an upload).
      while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new InvalidArgumentException(
              "Cannot accept pack: it is larger than the " + maxBytes + " bytes allowed");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      deleteQuietly(staged);
      throw new InvalidArgumentException("Cannot accept pack: the upload broke off: " + e);
    } catch (RuntimeException e) {
      deleteQuietly(staged);
      throw e;
    }
    return staged;
  }

  /** Verifies every blob of a pack whose layout is checked; returns its file nodes by id. */
  private static Map<ObjectId, FileNode> verifyBlobs(PackFile pack, Path staged) {
    List<PackEntry> entries = pack.footer().getEntriesList();
    ByteBuffer data = map(staged, pack.size());
    int largest = 0;
    for (PackEntry e : entries) {
      if (e.getCompression() != Compression.COMPRESSION_NONE) {
        largest = Math.max(largest, e.getRawLength());
      }
    }
    ByteBuffer scratch = ByteBuffer.allocateDirect(largest);
    Map<ObjectId, FileNode> files = new HashMap<>();
    for (PackEntry e : entries) {
      verifyBlob(e, data, scratch, files);
    }
    return files;
  }

  /** Verifies one blob of the mapped pack; a file node goes into {@code files}. */
  private static void verifyBlob(
      PackEntry e, ByteBuffer data, ByteBuffer scratch, Map<ObjectId, FileNode> files) {
    ObjectId id = ObjectId.of(e.getId());
    try {
      // PackFile.open checked that every entry lies within the pack's data.
      ByteBuffer stored = data.slice((int) e.getOffset(), e.getStoredLength());
      ByteBuffer raw =
          BlobCodec.decodeDirect(
              stored, scratch.clear(), BlobCodec.PackEntryView.of(e), "in upload");
      switch (e.getType()) {
        case BLOB_TYPE_TREE -> Trees.validate(id, Tree.parseFrom(raw));
        case BLOB_TYPE_FILE -> files.put(id, checkFileNode(id, FileNode.parseFrom(raw)));
        case BLOB_TYPE_CHUNK -> {}
        default -> throw new CorruptException("Blob " + id + " has unknown type " + e.getType());
      }
    } catch (CorruptException ex) {
      throw refused(ex);
    } catch (InvalidProtocolBufferException ex) {
      throw new InvalidArgumentException(
          "Cannot accept pack: " + e.getType() + " blob " + id + " does not parse");
    }
  }

  private static ByteBuffer map(Path staged, long size) {
    try (FileChannel ch = FileChannel.open(staged, StandardOpenOption.READ)) {
      return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the staged pack " + staged, e);
    }
  }

  private static FileNode checkFileNode(ObjectId id, FileNode node) {
    long total = 0;
    for (ChunkRef c : node.getChunksList()) {
      if (c.getId().size() != ObjectId.LENGTH) {
        throw new CorruptException("File node " + id + " has a chunk without a valid id");
      }
      total += c.getLength();
    }
    if (total != node.getSize()) {
      throw new CorruptException(
          "File node " + id + " has chunks of " + total + " bytes but a size of " + node.getSize());
    }
    return node;
  }

  private ReceivedPack store(PackFile pack, Path staged) {
    return repo.condemned().storing(pack.id(), () -> storeAndIndex(pack, staged));
  }

  private ReceivedPack storeAndIndex(PackFile pack, Path staged) {
    long size = pack.size();
    String name = PackFormat.objectName(pack.id());
    boolean written = repo.backend().putFile(name, staged);
    CrashPoints.visit("pack-received");
    List<PackEntry> entries = pack.footer().getEntriesList();
    List<byte[]> keys = new ArrayList<>(entries.size());
    entries.forEach(e -> keys.add(e.getId().toByteArray()));
    Set<ObjectId> added = new HashSet<>();
    repo.condemned()
        .locked(
            () -> {
              BlobStore.requireStillStored(repo.backend(), name, written);
              List<byte[]> known = repo.index().multiGet(Table.BLOBS, keys);
              try (Batch batch = repo.index().newBatch()) {
                batch.put(
                    Table.PACKS, pack.id().toBytes(), ByteBuffer.allocate(8).putLong(size).array());
                for (int i = 0; i < entries.size(); i++) {
                  ObjectId id = ObjectId.of(keys.get(i));
                  // A blob the repository already holds keeps its location (the copy here is
                  // garbage) and is revived if it was condemned: the client means to use it.
                  if (known.get(i) != null) {
                    repo.condemned().keep(id);
                  } else if (added.add(id)) {
                    batch.put(
                        Table.BLOBS, keys.get(i), BlobStore.locationOf(pack.id(), entries.get(i)));
                    Condemnations.clear(batch, keys.get(i));
                  }
                }
                batch.commit();
              }
              return null;
            });
    return new ReceivedPack(pack.id(), size, entries.size(), added.size());
  }

  private static InvalidArgumentException refused(CorruptException e) {
    return new InvalidArgumentException("Cannot accept pack: " + e.getMessage());
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // scratch space is cleared when the repository is next opened
    }
  }
}
