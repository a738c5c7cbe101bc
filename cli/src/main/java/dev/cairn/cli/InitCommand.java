package dev.cairn.cli;

import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.chunk.ChunkerParams;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init", description = "Create an empty repository.")
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--chunk-min",
      paramLabel = "BYTES",
      description = "Minimum chunk size (default ${DEFAULT-VALUE}).")
  int min = ChunkerParams.DEFAULT.minSize();

  @Option(
      names = "--chunk-avg",
      paramLabel = "BYTES",
      description = "Average chunk size, a power of two (default ${DEFAULT-VALUE}).")
  int avg = ChunkerParams.DEFAULT.avgSize();

  @Option(
      names = "--chunk-max",
      paramLabel = "BYTES",
      description = "Maximum chunk size (default ${DEFAULT-VALUE}).")
  int max = ChunkerParams.DEFAULT.maxSize();

  @Option(
      names = "--compression-level",
      paramLabel = "N",
      description = "zstd level for new data, 1 (fast) to 19 (small) (default ${DEFAULT-VALUE}).")
  int level = RepositoryOptions.DEFAULTS.compressionLevel();

  @Option(
      names = "--pack-size",
      paramLabel = "BYTES",
      description = "Target size of pack files (default ${DEFAULT-VALUE}).")
  long packSize = RepositoryOptions.DEFAULTS.packTargetBytes();

  @Override
  public Integer call() {
    ChunkerParams chunker =
        new ChunkerParams(
            min, avg, max, ChunkerParams.DEFAULT_GEAR_SEED, ChunkerParams.DEFAULT.normalization());
    try (Repository repo =
        Repository.init(
            RepoLocator.location(),
            RepositoryOptions.DEFAULTS
                .withChunker(chunker)
                .withCompressionLevel(level)
                .withPackTargetBytes(packSize))) {
      spec.commandLine()
          .getOut()
          .println("Initialized empty cairn repository in " + repo.location());
    }
    return ExitCodes.OK;
  }
}
