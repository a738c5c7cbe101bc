package dev.cairn.csi.volume;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.UnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Mounts through mount(8) and umount(8); reads /proc/self/mountinfo to see what is mounted. */
public final class LinuxMounter implements Mounter {
  // Mount flags come from StorageClasses and pods: allow option words only, never a second command.
  private static final Pattern FLAG = Pattern.compile("[A-Za-z0-9_=.,:/+-]{1,128}");

  @Override
  public void mountOverlay(Path lower, Path upper, Path work, Path target) {
    // userxattr keeps overlayfs's own marks (opaque directories) in the user namespace, where the
    // snapshot writer can read them, and turns directory redirects off; index and metacopy off keep
    // every changed file whole in the upper layer.
    String options =
        "lowerdir="
            + lower
            + ",upperdir="
            + upper
            + ",workdir="
            + work
            + ",userxattr,index=off,metacopy=off";
    run("mount", "-t", "overlay", "overlay", "-o", options, target.toString());
  }

  @Override
  public void bind(Path source, Path target, boolean readOnly, List<String> flags) {
    for (String flag : flags) {
      if (!FLAG.matcher(flag).matches()) {
        throw new InvalidArgumentException("Invalid mount flag '" + flag + "'");
      }
    }
    run("mount", "--bind", source.toString(), target.toString());
    if (readOnly || !flags.isEmpty()) {
      // A bind mount takes flags only on a remount.
      List<String> options = new ArrayList<>(List.of("remount", "bind"));
      if (readOnly) {
        options.add("ro");
      }
      options.addAll(flags);
      run("mount", "-o", String.join(",", options), target.toString());
    }
  }

  @Override
  public void unmount(Path target) {
    if (isMountPoint(target)) {
      run("umount", target.toString());
    }
  }

  @Override
  public boolean isMountPoint(Path path) {
    String wanted = path.toAbsolutePath().normalize().toString();
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
        String[] fields = line.split(" ");
        if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UnavailableException("Cannot read /proc/self/mountinfo: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Path> mountPointsUnder(Path root) {
    String prefix = root.toAbsolutePath().normalize().toString();
    List<Path> out = new ArrayList<>();
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
        String[] fields = line.split(" ");
        if (fields.length > 4) {
          String mount = unescape(fields[4]);
          if (mount.equals(prefix) || mount.startsWith(prefix + "/")) {
            out.add(Path.of(mount));
          }
        }
      }
    } catch (IOException e) {
      throw new UnavailableException("Cannot read /proc/self/mountinfo: " + e.getMessage(), e);
    }
    out.sort(java.util.Comparator.comparing(Path::toString).reversed());
    return out;
  }

  /** mountinfo escapes space, tab, newline and backslash as \\ooo octal. */
  static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length()) {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void run(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new UnavailableException(String.join(" ", cmd) + " did not finish within 60 s");
      }
      if (p.exitValue() != 0) {
        throw new UnavailableException(
            String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + output);
      }
    } catch (IOException e) {
      throw new UnavailableException("Cannot run " + cmd[0] + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("Interrupted while running " + cmd[0], e);
    }
  }
}
