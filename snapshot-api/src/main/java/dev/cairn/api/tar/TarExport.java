package dev.cairn.api.tar;

import dev.cairn.store.Entry;
import dev.cairn.store.EntryType;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Repository;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.io.output.CloseShieldOutputStream;

/**
 * Streams a snapshot, or the subtree at a path, as a POSIX (pax) tar archive. Names are relative to
 * the path; files are read verified, one at a time, so memory stays flat for any size.
 */
public final class TarExport {
  private TarExport() {}

  /**
   * @return the file bytes written
   */
  public static long write(Repository repo, ObjectId snapshot, String path, OutputStream out)
      throws IOException {
    Entry root = repo.stat(snapshot, path);
    long[] bytes = {0};
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(CloseShieldOutputStream.wrap(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      if (root.type() == EntryType.DIR) {
        writeChildren(repo, snapshot, root.path(), prefixLength(root.path()), tar, bytes);
      } else {
        write(repo, snapshot, root, root.name(), tar, bytes);
      }
      tar.finish();
    }
    return bytes[0];
  }

  private static void writeChildren(
      Repository repo,
      ObjectId snapshot,
      String dir,
      int strip,
      TarArchiveOutputStream tar,
      long[] bytes)
      throws IOException {
    for (Entry e : repo.list(snapshot, dir)) {
      String name = e.path().substring(strip);
      write(repo, snapshot, e, name, tar, bytes);
      if (e.type() == EntryType.DIR) {
        writeChildren(repo, snapshot, e.path(), strip, tar, bytes);
      }
    }
  }

  private static void write(
      Repository repo,
      ObjectId snapshot,
      Entry e,
      String name,
      TarArchiveOutputStream tar,
      long[] bytes)
      throws IOException {
    TarArchiveEntry t;
    switch (e.type()) {
      case DIR -> t = new TarArchiveEntry(name + "/");
      case SYMLINK -> {
        t = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        t.setLinkName(e.symlinkTarget());
      }
      default -> {
        t = new TarArchiveEntry(name);
        t.setSize(e.size());
      }
    }
    t.setMode(e.mode() & 07777 | (t.getMode() & ~07777));
    t.setModTime(e.mtime().toEpochMilli());
    tar.putArchiveEntry(t);
    if (e.type() == EntryType.FILE) {
      bytes[0] += repo.cat(snapshot, e.path(), CloseShieldOutputStream.wrap(tar));
    }
    tar.closeArchiveEntry();
  }

  private static int prefixLength(String dir) {
    return dir.isEmpty() ? 0 : dir.length() + 1;
  }
}
