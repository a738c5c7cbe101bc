package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import dev.cairn.store.testkit.TestRepos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one collection with no grace period in a JVM of its own, so that {@code -Dcairn.crash.at}
 * can halt it at a GC step. Arguments: the repository directory, then the snapshot ids the planner
 * expires.
 */
public final class GcCrashChild {
  private GcCrashChild() {}

  public static void main(String[] args) {
    List<ObjectId> expire = Arrays.stream(args).skip(1).map(ObjectId::parse).toList();
    try (Repository repo = Repository.open(Path.of(args[0]), TestRepos.options())) {
      new GarbageCollector(repo, GcCrashTest.expiring(expire), List.of())
          .run(GcOptions.DEFAULTS.withGrace(Duration.ZERO));
    }
  }
}
