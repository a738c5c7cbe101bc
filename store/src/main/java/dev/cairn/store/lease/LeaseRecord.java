package dev.cairn.store.lease;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.cairn.store.CorruptException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The content of one writer lease object: who holds it, since when, their last heartbeat, and
 * whether they let it go.
 *
 * @param holder a random id of the holding process, to recognise its own lease
 * @param owner {@code user@host} for messages
 */
public record LeaseRecord(
    String holder, String owner, long pid, Instant acquired, Instant heartbeat, State state) {
  /** Whether the holder still holds it. */
  public enum State {
    HELD,
    RELEASED
  }

  LeaseRecord withHeartbeat(Instant t) {
    return new LeaseRecord(holder, owner, pid, acquired, t, state);
  }

  LeaseRecord released() {
    return new LeaseRecord(holder, owner, pid, acquired, heartbeat, State.RELEASED);
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
          Instant.parse(fields.get("acquired")),
          Instant.parse(fields.get("heartbeat")),
          State.valueOf(fields.get("state")));
    } catch (RuntimeException e) {
      throw new CorruptException("Writer lease " + name + " is unreadable: " + e.getMessage(), e);
    }
  }
}
