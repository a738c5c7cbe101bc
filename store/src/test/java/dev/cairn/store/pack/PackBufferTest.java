package dev.cairn.store.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.BlobKind;
import dev.cairn.store.ObjectId;
import dev.cairn.store.proto.BlobType;
import dev.cairn.store.proto.Compression;
import dev.cairn.store.proto.PackEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackBufferTest {
  @TempDir Path tmp;

  private static byte[] blob(String text, int repeat) {
    return text.repeat(repeat).getBytes(StandardCharsets.UTF_8);
  }

  private static void addAll(PackBuffer buffer, PackBuilder builder, byte[]... blobs) {
    BlobCodec codec = new BlobCodec(1);
    BlobKind[] kinds = {BlobKind.CHUNK, BlobKind.FILE_NODE, BlobKind.TREE};
    for (int i = 0; i < blobs.length; i++) {
      PackBuilder.Encoded e =
          PackBuilder.encode(
              codec, kinds[i % 3], ObjectId.hash(blobs[i]), blobs[i], 0, blobs[i].length);
      Compression c = e.compressed() ? Compression.COMPRESSION_ZSTD : Compression.COMPRESSION_NONE;
      buffer.add(e.kind(), e.id(), e.stored(), 0, e.stored().length, e.rawLength(), c);
      builder.add(e);
    }
  }

  @Test
  void aPackBuiltInMemoryIsByteForByteThePackWrittenToAFile() throws IOException {
    byte[][] blobs = {blob("chunk ", 5000), blob("node", 3), blob("tree entry ", 400)};
    PackBuffer buffer = new PackBuffer(8);
    try (PackBuilder builder = new PackBuilder(tmp)) {
      addAll(buffer, builder, blobs);
      ObjectId id = buffer.seal();
      SealedPack sealed = builder.seal();

      assertThat(id).isEqualTo(sealed.id());
      assertThat(buffer.blobCount()).isEqualTo(3);
      assertThat(buffer.rawBytes()).isEqualTo(blobs[0].length + blobs[1].length + blobs[2].length);
      assertThat(Arrays.copyOf(buffer.array(), buffer.size()))
          .isEqualTo(Files.readAllBytes(sealed.file()));
      Files.delete(sealed.file());
    }
  }

  @Test
  void aResetBufferBuildsTheNextPackFromScratch() throws IOException {
    PackBuffer buffer = new PackBuffer(8);
    try (PackBuilder first = new PackBuilder(tmp)) {
      addAll(buffer, first, blob("first ", 100_000));
      buffer.seal();
      Files.delete(first.seal().file());
    }
    buffer.reset();
    byte[] second = blob("second", 2);
    try (PackBuilder builder = new PackBuilder(tmp)) {
      addAll(buffer, builder, second);
      ObjectId id = buffer.seal();
      Path file = tmp.resolve("second.pack");
      Files.write(file, Arrays.copyOf(buffer.array(), buffer.size()));
      try (PackFile pack = PackFile.open(file, "second", 1 << 20)) {
        assertThat(pack.id()).isEqualTo(id);
        PackEntry e = pack.footer().getEntries(0);
        assertThat(e.getType()).isEqualTo(BlobType.BLOB_TYPE_CHUNK);
        assertThat(BlobCodec.decode(pack.stored(e), BlobCodec.PackEntryView.of(e), "in test"))
            .isEqualTo(second);
      }
      Files.delete(builder.seal().file());
    }
  }

  @Test
  void aSealedPackTakesNoMoreBlobs() {
    PackBuffer buffer = new PackBuffer(64);
    ObjectId id = buffer.seal();
    assertThat(buffer.seal()).isEqualTo(id);
    byte[] b = blob("late", 1);
    assertThatThrownBy(
            () ->
                buffer.add(
                    BlobKind.CHUNK,
                    ObjectId.hash(b),
                    b,
                    0,
                    b.length,
                    b.length,
                    Compression.COMPRESSION_NONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is sealed");
  }
}
