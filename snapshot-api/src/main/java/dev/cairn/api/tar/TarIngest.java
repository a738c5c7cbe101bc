package dev.cairn.api.tar;

import dev.cairn.store.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks an uploaded tar stream into an empty staging directory, refusing anything that could land
 * outside it: absolute names, {@code ..}, NULs, and paths that pass through a symlink the archive
 * created. Symlinks themselves are kept as data; hard links and devices are refused.
 */
public final class TarIngest {
  private TarIngest() {}

  /** What was unpacked. */
  public record Stats(long files, long directories, long symlinks, long bytes) {}

  public static Stats unpack(InputStream tar, Path staging) {
    long files = 0;
    long dirs = 0;
    long links = 0;
    long bytes = 0;
    List<Path> directoryTimes = new ArrayList<>();
    List<FileTime> times = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        Path target = resolve(staging, e.getName());
        if (target.equals(staging)) {
          continue; // "./" entries name the root itself
        }
        requireNoSymlinkAbove(staging, target, e.getName());
        Files.createDirectories(target.getParent());
        if (e.isDirectory()) {
          if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(target);
          }
          permissions(target, e.getMode());
          directoryTimes.add(target);
          times.add(FileTime.from(e.getLastModifiedTime().toInstant()));
          dirs++;
        } else if (e.isSymbolicLink()) {
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, Path.of(e.getLinkName()));
          links++;
        } else if (e.isFile()) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          permissions(target, e.getMode());
          Files.setLastModifiedTime(target, FileTime.from(e.getLastModifiedTime().toInstant()));
          files++;
          bytes += e.getSize();
        } else {
          throw new InvalidArgumentException(
              "Cannot take upload: entry '"
                  + e.getName()
                  + "' is a "
                  + (e.isLink() ? "hard link" : "special file")
                  + ", which snapshots do not hold");
        }
      }
      // Directory times last: writing their children would move them.
      for (int i = directoryTimes.size() - 1; i >= 0; i--) {
        Files.setLastModifiedTime(directoryTimes.get(i), times.get(i));
      }
    } catch (IOException e) {
      throw new InvalidArgumentException(
          "Cannot take upload: not a valid tar stream: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new InvalidArgumentException("Cannot take upload: " + e.getMessage());
    }
    return new Stats(files, dirs, links, bytes);
  }

  /** The path an entry names inside {@code root}, or 400 if it would be anywhere else. */
  static Path resolve(Path root, String name) {
    if (name.indexOf('\0') >= 0) {
      throw new InvalidArgumentException("Cannot take upload: entry name contains NUL");
    }
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    if (n.startsWith("/")) {
      throw new InvalidArgumentException(
          "Cannot take upload: entry '" + name + "' has an absolute path");
    }
    for (String part : n.split("/")) {
      if (part.equals("..")) {
        throw new InvalidArgumentException(
            "Cannot take upload: entry '" + name + "' climbs out with '..'");
      }
    }
    Path p = root.resolve(n).normalize();
    if (!p.startsWith(root)) {
      throw new InvalidArgumentException("Cannot take upload: entry '" + name + "' escapes");
    }
    return p;
  }

  private static void requireNoSymlinkAbove(Path root, Path target, String name) {
    for (Path p = target.getParent(); p != null && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new InvalidArgumentException(
            "Cannot take upload: entry '" + name + "' goes through symlink " + root.relativize(p));
      }
    }
  }

  private static void permissions(Path p, int mode) throws IOException {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        perms.add(bits[i]);
      }
    }
    Files.setPosixFilePermissions(p, perms);
  }
}
