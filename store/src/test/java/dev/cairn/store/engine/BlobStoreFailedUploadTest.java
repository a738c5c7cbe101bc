package dev.cairn.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.ForwardingBackend;
import dev.cairn.store.ObjectId;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.index.RocksIndex;
import dev.cairn.store.local.LocalBackend;
import dev.cairn.store.pack.BlobCodec;
import dev.cairn.store.pack.PackFormat;
import dev.cairn.store.proto.BlobType;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer that deduplicates against a blob in another writer's open pack relies on that pack being
 * stored. If its upload fails, every such writer's flush must fail, not only the first to wait for
 * it: otherwise a later one commits a snapshot referencing a blob that was never stored.
 */
class BlobStoreFailedUploadTest {
  @TempDir Path tmp;

  /** Holds the first pack upload until released, then fails it. */
  private static final class FailingFirstPack extends ForwardingBackend {
    final CountDownLatch release = new CountDownLatch(1);
    private boolean failed;

    FailingFirstPack(Path root) {
      super(new LocalBackend(root));
    }

    @Override
    public boolean putFile(String name, Path file) {
      synchronized (this) {
        if (name.startsWith(PackFormat.PREFIX) && !failed) {
          failed = true;
          await();
          throw new UnavailableException("injected: cannot store " + name);
        }
      }
      return super.putFile(name, file);
    }

    private void await() {
      try {
        assertThat(release.await(1, TimeUnit.MINUTES)).isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void everyWriterThatReliedOnAFailedPackFailsItsFlush() throws Exception {
    FailingFirstPack backend =
        new FailingFirstPack(Files.createDirectories(tmp.resolve("objects")));
    try (RocksIndex index = RocksIndex.open(tmp.resolve("index"), Duration.ofSeconds(5));
        BlobStore store =
            new BlobStore(
                backend,
                index,
                new Condemnations(index, new WriterSessions()),
                new BlobCodec(1),
                Files.createDirectories(tmp.resolve("temp")),
                1000)) {
      byte[] chunk = new TreeGenerator(1).randomBytes(5000);
      ObjectId id = ObjectId.hash(chunk);
      long writerA = store.failedUploads();
      long writerB = store.failedUploads();

      // A's chunk fills a pack, whose upload is held; B deduplicates against it meanwhile.
      store.put(BlobType.BLOB_TYPE_CHUNK, id, chunk, 0, chunk.length, new WriteStats());
      WriteStats b = new WriteStats();
      store.put(BlobType.BLOB_TYPE_CHUNK, id, chunk, 0, chunk.length, b);
      assertThat(b.blobsDeduplicated()).isEqualTo(1);
      backend.release.countDown();

      assertThatThrownBy(() -> store.flush(writerA)).isInstanceOf(UnavailableException.class);
      assertThatThrownBy(() -> store.flush(writerB))
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("could not be stored");
      assertThat(store.contains(id)).isFalse();
      // A writer that starts after the failure is not held responsible for it.
      store.flush(store.failedUploads());
    }
  }
}
