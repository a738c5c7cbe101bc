package dev.cairn.store;

/**
 * A repository capability for modules that keep small objects of their own beside the store's (GC's
 * retention policies): the repository's object backend. Such modules write only under a name prefix
 * of their own, never overwrite (put-if-absent is their compare-and-swap), and call {@link
 * #requireWritable} before writing, since the backend itself does not know the repository was
 * opened read-only.
 */
public interface SupportsBackendAccess {

  /** The backend holding the repository's objects; a bucket repository's is under its lease. */
  ObjectBackend backend();

  /** Throws {@link InvalidArgumentException} naming {@code action} if opened read-only. */
  void requireWritable(String action);
}
