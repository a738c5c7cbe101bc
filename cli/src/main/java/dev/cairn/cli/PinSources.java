package dev.cairn.cli;

import dev.cairn.api.LineageRoots;
import dev.cairn.gc.GcRoots;
import dev.cairn.lineage.LineageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The roots from outside the store that a command can see, wired as {@link GcRoots}: the lineage
 * pins of a directory repository or of the server. A bucket repository keeps no lineage (it lives
 * beside directory repositories and in 'cairn serve'), so it has none; nor does a directory
 * repository that never recorded lineage (opening its store would create it).
 */
final class PinSources implements AutoCloseable {
  private final LineageStore lineage;

  private PinSources(LineageStore lineage) {
    this.lineage = lineage;
  }

  static PinSources open() {
    if (RemoteLocator.client().isPresent()) {
      return new PinSources(LineageLocator.open());
    }
    if (RepoLocator.inBucket()) {
      return new PinSources(null);
    }
    Path dir = RepoLocator.path();
    if (!Files.isDirectory(dir.resolve("lineage"))) {
      return new PinSources(null);
    }
    return new PinSources(LineageLocator.open(dir));
  }

  List<GcRoots> roots() {
    return LineageRoots.of(lineage());
  }

  /** The lineage store whose pins these are, if the repository has one. */
  Optional<LineageStore> lineage() {
    return Optional.ofNullable(lineage);
  }

  @Override
  public void close() {
    if (lineage != null) {
      lineage.close();
    }
  }
}
