package dev.cairn.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.api.ApiServer;
import dev.cairn.api.ServerOptions;
import dev.cairn.store.BlobKind;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import dev.cairn.store.SupportsUploads;
import dev.cairn.store.testkit.TestRepos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uploader against a real server: a pack nothing is added to goes out on its own. */
class PackUploaderTest {
  @TempDir Path tmp;
  private Repository repo;
  private ApiServer server;

  @BeforeEach
  void serve() {
    repo = Repository.init(tmp.resolve("repo"), TestRepos.options());
    server =
        ApiServer.start(
            repo, Optional.empty(), ServerOptions.defaults().withAddress("127.0.0.1", 0), "test");
  }

  @AfterEach
  void stop() {
    server.close();
    repo.close();
  }

  private boolean stored(ObjectId id) {
    return ((SupportsUploads) repo).missing(Set.of(id)).isEmpty();
  }

  @Test
  void anIdlePackIsSealedAndStoredBeforeTheUploadFinishes() throws Exception {
    ApiClient client = new ApiClient(server.uri(), Optional.empty());
    // Random blobs do not compress: ten of 64 KiB fill a batch (half a 1 MiB pack target), so
    // its ids are asked about and the blobs go into a data pack that stays below its target.
    Random random = new Random(5);
    List<ObjectId> ids = new ArrayList<>();
    long idle = TimeUnit.MILLISECONDS.toNanos(200);
    try (PackUploader uploader = new PackUploader(client, "team-a", repo.config(), 1, idle)) {
      for (int i = 0; i < 10; i++) {
        byte[] content = new byte[64 << 10];
        random.nextBytes(content);
        ObjectId id = ObjectId.hash(content);
        ids.add(id);
        uploader.put(BlobKind.CHUNK, id, content, 0, content.length);
      }
      // Nothing more is put: only the idle timer can end the pack's request.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!stored(ids.get(0)) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(stored(ids.get(0))).as("stored before finish()").isTrue();
      uploader.finish();
      assertThat(ids).allSatisfy(id -> assertThat(stored(id)).isTrue());
      assertThat(uploader.stats().packsSent()).isEqualTo(2);
    }
  }
}
