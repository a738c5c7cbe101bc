package dev.cairn.store.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The stat data of one path being snapshotted, read without following symlinks. */
record SourceFile(Kind kind, long size, int mode, long mtimeNanos, long ctimeNanos, long inode) {
  enum Kind {
    FILE,
    DIR,
    SYMLINK,
    /** overlayfs's mark of a deleted name in an upper layer: a character device 0/0. */
    WHITEOUT,
    OTHER
  }

  private static final String ATTRIBUTES = "unix:mode,size,lastModifiedTime,ctime,ino,rdev";

  static SourceFile stat(Path p) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    Kind kind =
        switch (mode & 0170000) {
          case 0100000 -> Kind.FILE;
          case 0040000 -> Kind.DIR;
          case 0120000 -> Kind.SYMLINK;
          case 0020000 -> (Long) a.get("rdev") == 0 ? Kind.WHITEOUT : Kind.OTHER;
          default -> Kind.OTHER;
        };
    return new SourceFile(
        kind,
        (Long) a.get("size"),
        mode & 07777,
        ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
        ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS),
        (Long) a.get("ino"));
  }

  /** Same content as far as stat can tell. */
  boolean sameAs(SourceFile o) {
    return size == o.size
        && mtimeNanos == o.mtimeNanos
        && ctimeNanos == o.ctimeNanos
        && inode == o.inode;
  }
}
