package dev.cairn.store.engine;

import dev.cairn.store.RefName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Index keys for refs and their log, and backend names of the ref journal. */
final class RefKeys {
  static final String JOURNAL_PREFIX = "refs/";

  private RefKeys() {}

  static byte[] ref(RefName name) {
    return name.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] namespacePrefix(String namespace) {
    return (namespace + "/").getBytes(StandardCharsets.UTF_8);
  }

  /** {@code ns/name NUL seq}: a ref's log entries sort by sequence under its own prefix. */
  static byte[] log(RefName name, long seq) {
    byte[] ref = ref(name);
    return ByteBuffer.allocate(ref.length + 1 + 8).put(ref).put((byte) 0).putLong(seq).array();
  }

  static byte[] logPrefix(RefName name) {
    byte[] ref = ref(name);
    return ByteBuffer.allocate(ref.length + 1).put(ref).put((byte) 0).array();
  }

  static String journalName(RefName name, long seq) {
    return JOURNAL_PREFIX
        + name.namespace()
        + "/"
        + name.name()
        + "/"
        + String.format("%020d", seq);
  }
}
