package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.mlmd.Event;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key encodings. Every key starts with the UTF-8 namespace and a NUL byte; since namespaces and
 * indexed strings may not contain NUL, a prefix scan never crosses into another namespace or
 * another string. Ids are big-endian so that keys sort by id.
 */
final class Keys {
  private Keys() {}

  static void checkNamespace(String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      throw new LineageException.InvalidArgument("Cannot use namespace: it is empty");
    }
    checkNoNul("namespace", namespace);
  }

  static void checkNoNul(String what, String value) {
    if (value.indexOf('\0') >= 0) {
      throw new LineageException.InvalidArgument(
          "Cannot use " + what + " '" + value.replace('\0', '?') + "': it contains NUL");
    }
  }

  /** The prefix of every key in the namespace. */
  static byte[] namespace(String ns) {
    return start(ns).done();
  }

  static byte[] id(String ns, long id) {
    return start(ns).putLong(id).done();
  }

  static byte[] typeName(String ns, byte tag, String name, String version) {
    return start(ns).put(tag).put(name).put((byte) 0).put(version).done();
  }

  static byte[] nodeName(String ns, byte tag, long typeId, String name) {
    return start(ns).put(tag).putLong(typeId).put(name).done();
  }

  static byte[] externalId(String ns, byte tag, String externalId) {
    return start(ns).put(tag).put(externalId).done();
  }

  static byte[] byType(String ns, byte tag, long typeId) {
    return start(ns).put(tag).putLong(typeId).done();
  }

  static byte[] byType(String ns, byte tag, long typeId, long id) {
    return start(ns).put(tag).putLong(typeId).putLong(id).done();
  }

  static byte[] uri(String ns, String uri) {
    return start(ns).put(uri).put((byte) 0).done();
  }

  static byte[] uri(String ns, String uri, long id) {
    return start(ns).put(uri).put((byte) 0).putLong(id).done();
  }

  static byte[] contextArtifactName(String ns, long contextId, String name) {
    return start(ns).putLong(contextId).put(name).done();
  }

  /** A directed pair of ids under a tag saying which side comes first. */
  static byte[] pair(String ns, byte tag, long first) {
    return start(ns).put(tag).putLong(first).done();
  }

  static byte[] pair(String ns, byte tag, long first, long second) {
    return start(ns).put(tag).putLong(first).putLong(second).done();
  }

  /** The side byte of an event key for input-like types: UNKNOWN and the *_INPUT types. */
  static final byte INPUT_SIDE = 0;

  /** The side byte of an event key for output-like types (see {@link #side}). */
  static final byte OUTPUT_SIDE = 1;

  /**
   * Which side of the first node an event type is on: OUTPUT, DECLARED_OUTPUT, INTERNAL_OUTPUT and
   * PENDING_OUTPUT are output-like; the others are input-like.
   */
  static byte side(Event.Type type) {
    return switch (type) {
      case OUTPUT, DECLARED_OUTPUT, INTERNAL_OUTPUT, PENDING_OUTPUT -> OUTPUT_SIDE;
      default -> INPUT_SIDE;
    };
  }

  /**
   * An event key: (first node, side, type, second node), the direction before the other end, so
   * that the events of one node in one direction, or of one type, are one contiguous range.
   */
  static byte[] event(String ns, byte tag, long first, Event.Type type, long second) {
    return start(ns)
        .put(tag)
        .putLong(first)
        .put(side(type))
        .putInt(type.getNumber())
        .putLong(second)
        .done();
  }

  /** The prefix of a node's event keys on one side (see {@link #event}). */
  static byte[] eventSide(String ns, byte tag, long first, byte side) {
    return start(ns).put(tag).putLong(first).put(side).done();
  }

  /** The prefix of a node's event keys of one type (see {@link #event}). */
  static byte[] eventType(String ns, byte tag, long first, Event.Type type) {
    return start(ns).put(tag).putLong(first).put(side(type)).putInt(type.getNumber()).done();
  }

  /** The id stored in the last eight bytes of an index key. */
  static long trailingId(byte[] key) {
    return ByteBuffer.wrap(key, key.length - 8, 8).getLong();
  }

  /** The id in the eight bytes after a pair prefix of {@code prefixLength}. */
  static long idAt(byte[] key, int offset) {
    return ByteBuffer.wrap(key, offset, 8).getLong();
  }

  static byte[] longValue(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  static long longValue(byte[] bytes) {
    return ByteBuffer.wrap(bytes).getLong();
  }

  private static Builder start(String ns) {
    return new Builder().put(ns).put((byte) 0);
  }

  private static final class Builder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(48);

    Builder put(byte b) {
      out.write(b);
      return this;
    }

    Builder put(String s) {
      out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    Builder putLong(long v) {
      out.writeBytes(longValue(v));
      return this;
    }

    Builder putInt(int v) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
      return this;
    }

    byte[] done() {
      return out.toByteArray();
    }
  }
}
