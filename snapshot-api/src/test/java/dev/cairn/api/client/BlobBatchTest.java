package dev.cairn.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.BlobKind;
import dev.cairn.store.ObjectId;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.pack.PackBuilder;
import dev.cairn.store.pack.PackFile;
import dev.cairn.store.pack.SealedPack;
import dev.cairn.store.proto.Compression;
import dev.cairn.store.proto.PackEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobBatchTest {
  @TempDir Path tmp;

  private static byte[] content(int i, int size) {
    byte[] b = new byte[size];
    byte[] tag = ("blob " + i + " ").getBytes(StandardCharsets.UTF_8);
    for (int k = 0; k < size; k++) {
      b[k] = tag[k % tag.length];
    }
    return b;
  }

  private List<byte[]> packed(SealedPack sealed) {
    List<byte[]> out = new ArrayList<>();
    try (PackFile pack = PackFile.open(sealed.file(), "test", 1 << 20)) {
      for (PackEntry e : pack.footer().getEntriesList()) {
        out.add(BlobCodec.decode(pack.stored(e), BlobCodec.PackEntryView.of(e), "in test"));
      }
    }
    return out;
  }

  @Test
  void blobsCopiedInSurviveReuseOfTheCallersBufferAndGrowTheArena() {
    BlobBatch batch = new BlobBatch(16);
    byte[] buffer = new byte[4096];
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] c = content(i, 1000 + i);
      contents.add(c);
      System.arraycopy(c, 0, buffer, 7, c.length);
      batch.add(
          BlobKind.CHUNK,
          ObjectId.hash(c),
          buffer,
          7,
          c.length,
          c.length,
          Compression.COMPRESSION_NONE);
    }
    assertThat(batch.size()).isEqualTo(3);
    assertThat(batch.bytes()).isEqualTo(1000 + 1001 + 1002);
    assertThat(batch.ids())
        .containsExactly(contents.stream().map(ObjectId::hash).toArray(ObjectId[]::new));

    try (PackBuilder pack = new PackBuilder(tmp)) {
      batch.appendTo(2, pack);
      batch.appendTo(0, pack);
      assertThat(packed(pack.seal())).containsExactly(contents.get(2), contents.get(0));
    }
  }

  @Test
  void aClearedBatchTakesNewBlobsKeepingCompression() {
    BlobBatch batch = new BlobBatch(64);
    batch.add(
        BlobKind.TREE,
        ObjectId.hash(content(9, 10)),
        content(9, 10),
        0,
        10,
        10,
        Compression.COMPRESSION_NONE);
    batch.clear();
    assertThat(batch.size()).isZero();
    assertThat(batch.bytes()).isZero();

    byte[] raw = content(1, 5000);
    BlobCodec.Encoded enc = new BlobCodec(1).encode(raw, 0, raw.length);
    batch.add(
        BlobKind.FILE_NODE,
        ObjectId.hash(raw),
        enc.bytes(),
        0,
        enc.length(),
        raw.length,
        Compression.COMPRESSION_ZSTD);
    assertThat(batch.kind(0)).isEqualTo(BlobKind.FILE_NODE);
    assertThat(batch.id(0)).isEqualTo(ObjectId.hash(raw));
    try (PackBuilder pack = new PackBuilder(tmp)) {
      batch.appendTo(0, pack);
      assertThat(packed(pack.seal())).containsExactly(raw);
    }
  }
}
