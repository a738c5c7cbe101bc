package dev.cairn.cli;

import dev.cairn.store.Progress;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar (files, bytes, rate, ETA) when stdout and stderr are a terminal; nothing
 * otherwise, so scripts and logs stay clean.
 */
final class ConsoleProgress implements Progress, AutoCloseable {
  private final ProgressBar bar;
  private final AtomicLong files = new AtomicLong();
  private final long totalFiles;
  private final String unit;

  private ConsoleProgress(String task, long totalBytes, long totalFiles, String unit) {
    this.totalFiles = totalFiles;
    this.unit = unit;
    this.bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(Math.max(totalBytes, 1))
            .setUnit(" MiB", 1 << 20)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
            .showSpeed()
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
            .build();
  }

  static boolean interactive() {
    return System.console() != null && System.getenv("CAIRN_NO_PROGRESS") == null;
  }

  /** A bar sized by walking {@code source} first, or a silent progress when not interactive. */
  static Progress forSource(String task, Path source) {
    if (!interactive()) {
      return Progress.NONE;
    }
    long[] totals = new long[2];
    try {
      Files.walkFileTree(
          source,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                totals[0] += attrs.size();
                totals[1]++;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      return Progress.NONE;
    }
    return new ConsoleProgress(task, totals[0], totals[1], "files");
  }

  static Progress forTotals(String task, long bytes, long files) {
    return interactive() ? new ConsoleProgress(task, bytes, files, "files") : Progress.NONE;
  }

  /** A bar over blobs and their bytes, for transfers; silent when not interactive. */
  static Progress forBlobs(String task, long bytes, long blobs) {
    return interactive() ? new ConsoleProgress(task, bytes, blobs, "blobs") : Progress.NONE;
  }

  @Override
  public void advance(long f, long b) {
    bar.stepBy(b);
    bar.setExtraMessage(files.addAndGet(f) + "/" + totalFiles + " " + unit);
  }

  @Override
  public void close() {
    bar.stepTo(bar.getMax());
    bar.close();
  }

  static void close(Progress p) {
    if (p instanceof ConsoleProgress c) {
      c.close();
    }
  }
}
