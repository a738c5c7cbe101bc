package dev.cairn.store.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds directory trees for tests and describes them exactly (content hash, type, permissions,
 * mtime, link target) so a restore can be compared with its source entry by entry.
 */
public final class TreeGenerator {
  private final Random rnd;

  public TreeGenerator(long seed) {
    this.rnd = new Random(seed);
  }

  public byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  public Path file(Path p, byte[] content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    return p;
  }

  public Path randomFile(Path p, int size) throws IOException {
    return file(p, randomBytes(size));
  }

  /**
   * A tree with files of many sizes (0, 1, chunk boundaries, multi-chunk), modes, symlinks, unicode
   * names, empty and deep dirs.
   */
  public void mixedTree(Path root, int chunkMin, int chunkMax) throws IOException {
    Files.createDirectories(root);
    int[] sizes = {
      0,
      1,
      63,
      64,
      chunkMin - 1,
      chunkMin,
      chunkMin + 1,
      chunkMax - 1,
      chunkMax,
      chunkMax + 1,
      3 * chunkMax + 17
    };
    for (int size : sizes) {
      randomFile(root.resolve("sizes/f_" + size), size);
    }
    randomFile(root.resolve("unicode/données-é.bin"), 1000);
    randomFile(root.resolve("unicode/日本語 ファイル.txt"), 2000);
    randomFile(root.resolve("unicode/emoji-🚀.dat"), 10);
    randomFile(root.resolve("spaces and 'quotes'/a b.txt"), 10);
    Path exec = randomFile(root.resolve("modes/run.sh"), 100);
    Files.setPosixFilePermissions(exec, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        randomFile(root.resolve("modes/secret"), 50), PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(
        randomFile(root.resolve("modes/readonly"), 50),
        PosixFilePermissions.fromString("r--r--r--"));
    Files.createDirectories(root.resolve("links"));
    Files.createSymbolicLink(root.resolve("links/relative"), Path.of("../sizes/f_1"));
    Files.createSymbolicLink(root.resolve("links/absolute"), Path.of("/etc/hostname"));
    Files.createSymbolicLink(root.resolve("links/dangling"), Path.of("does/not/exist"));
    Files.createSymbolicLink(root.resolve("links/to-dir"), Path.of("../sizes"));
    Files.createDirectories(root.resolve("empty/nested/also-empty"));
    Path deep = root;
    for (int i = 0; i < 40; i++) {
      deep = deep.resolve("d" + i);
    }
    randomFile(deep.resolve("bottom.txt"), 33);
    for (int i = 0; i < 300; i++) {
      randomFile(root.resolve("wide/file-" + i), rnd.nextInt(200));
    }
    Files.setLastModifiedTime(
        root.resolve("sizes/f_1"), FileTime.from(1_000_000_123_456_789L, TimeUnit.NANOSECONDS));
  }

  /** path -> "type perms mtime content-hash-or-link-target" for every entry below root. */
  public static SortedMap<String, String> describe(Path root) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.equals(root)) {
          continue;
        }
        String rel = root.relativize(p).toString();
        Map<String, Object> a =
            Files.readAttributes(p, "unix:mode,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        FileTime mtime = (FileTime) a.get("lastModifiedTime");
        String what;
        if (Files.isSymbolicLink(p)) {
          what = "link " + Files.readSymbolicLink(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          what =
              "dir " + Integer.toOctalString(mode & 07777) + " " + mtime.to(TimeUnit.NANOSECONDS);
        } else {
          what =
              "file "
                  + Integer.toOctalString(mode & 07777)
                  + " "
                  + mtime.to(TimeUnit.NANOSECONDS)
                  + " "
                  + sha256(Files.readAllBytes(p));
        }
        out.put(rel, what);
      }
    }
    return out;
  }

  public static String sha256(byte[] b) {
    return HexFormat.of().formatHex(dev.cairn.store.ObjectId.hash(b).toBytes());
  }
}
