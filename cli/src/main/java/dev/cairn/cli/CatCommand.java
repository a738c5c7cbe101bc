package dev.cairn.cli;

import dev.cairn.store.Repository;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "cat",
    description = "Write a file from a snapshot to standard output (every chunk verified).")
final class CatCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "Snapshot id, unique prefix or NS/REF.")
  String id;

  @Parameters(index = "1", paramLabel = "PATH", description = "File path inside the snapshot.")
  String path;

  @Override
  public Integer call() throws Exception {
    try (Repository repo = RepoLocator.openReadOnly()) {
      OutputStream out =
          new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 20);
      repo.cat(repo.resolve(id), path, out);
      out.flush();
      return ExitCodes.OK;
    }
  }
}
