package dev.cairn.store.lease;

import dev.cairn.store.Hosts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells whether a lease holder that ran on this machine has exited, so a writer killed a moment ago
 * does not block the next one for a whole ttl. "This machine" means the same host, boot and process
 * namespace: two containers sharing a hostname but not their pids are different machines, and where
 * that cannot be established the answer is always "don't know" and the ttl decides.
 */
final class LocalProcesses {
  /** This process's machine identity, or empty where it cannot be told reliably. */
  static final String MACHINE = machine();

  private LocalProcesses() {}

  /** When this process started, if the platform says. */
  static Optional<Instant> selfStarted() {
    return ProcessHandle.current().info().startInstant();
  }

  /**
   * True only when the holder provably ran here and that process is gone: no process has its pid,
   * or the one that has it started at another time (the pid was reused).
   */
  static boolean exited(String machine, long pid, Optional<Instant> started) {
    if (MACHINE.isEmpty() || !MACHINE.equals(machine) || pid <= 0) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    Optional<Instant> now = process.get().info().startInstant();
    return started.isPresent() && now.isPresent() && !started.get().equals(now.get());
  }

  private static String machine() {
    String host = Hosts.name();
    Path proc = Path.of("/proc");
    if (Files.isDirectory(proc)) {
      try {
        String boot =
            Files.readString(proc.resolve("sys/kernel/random/boot_id"), StandardCharsets.US_ASCII)
                .strip();
        String pidNamespace = Files.readSymbolicLink(proc.resolve("self/ns/pid")).toString();
        return host + "/" + boot + "/" + pidNamespace;
      } catch (IOException | UnsupportedOperationException e) {
        return "";
      }
    }
    // No pid namespaces without /proc (macOS): the host and its boot, by pid 1's start.
    return ProcessHandle.of(1)
        .flatMap(p -> p.info().startInstant())
        .map(boot -> host + "/" + boot)
        .orElse("");
  }
}
