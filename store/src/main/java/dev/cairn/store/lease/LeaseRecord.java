package dev.cairn.store.lease;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.cairn.store.CorruptException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The content of one writer lease object: who holds it, since when, their last heartbeat, and
 * whether they let it go.
 *
 * @param holder a random id of the holding process, to recognise its own lease
 * @param owner {@code user@host} for messages
 * @param machine the holder's host, boot and pid namespace, empty if unknown (see {@link
 *     LocalProcesses})
 * @param started when the holder's process started, if known, to tell a reused pid
 */
public record LeaseRecord(
    String holder,
    String owner,
    long pid,
    String machine,
    Optional<Instant> started,
    Instant acquired,
    Instant heartbeat,
    State state) {
  /** Whether the holder still holds it. */
  public enum State {
    HELD,
    RELEASED
  }

  LeaseRecord withHeartbeat(Instant t) {
    return new LeaseRecord(holder, owner, pid, machine, started, acquired, t, state);
  }

  LeaseRecord released() {
    return new LeaseRecord(
        holder, owner, pid, machine, started, acquired, heartbeat, State.RELEASED);
  }

  /** Whether the holder ran on this machine and its process has exited. */
  boolean holderExited() {
    return LocalProcesses.exited(machine, pid, started);
  }

  /** "alice@node-3 (pid 42), last heartbeat 95s ago". */
  String describe(Instant now) {
    long ago = Math.max(0, Duration.between(heartbeat, now).toSeconds());
    return owner + " (pid " + pid + "), last heartbeat " + ago + "s ago";
  }

  byte[] encode() {
    return ("holder="
            + holder
            + "\nowner="
            + owner
            + "\npid="
            + pid
            + "\nmachine="
            + machine
            + started.map(t -> "\nstarted=" + t).orElse("")
            + "\nacquired="
            + acquired
            + "\nheartbeat="
            + heartbeat
            + "\nstate="
            + state
            + "\n")
        .getBytes(UTF_8);
  }

  static LeaseRecord parse(byte[] bytes, String name) {
    Map<String, String> fields = new HashMap<>();
    for (String line : new String(bytes, UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    try {
      return new LeaseRecord(
          fields.get("holder"),
          fields.getOrDefault("owner", "?"),
          Long.parseLong(fields.getOrDefault("pid", "0")),
          fields.getOrDefault("machine", ""),
          Optional.ofNullable(fields.get("started")).map(Instant::parse),
          Instant.parse(fields.get("acquired")),
          Instant.parse(fields.get("heartbeat")),
          State.valueOf(fields.get("state")));
    } catch (RuntimeException e) {
      throw new CorruptException("Writer lease " + name + " is unreadable: " + e.getMessage(), e);
    }
  }
}
