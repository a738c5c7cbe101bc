package dev.cairn.store;

/** Shows a snapshot transfer's progress once it knows what it will send. */
@FunctionalInterface
public interface TransferProgress {
  TransferProgress NONE = (blobs, bytes) -> Progress.NONE;

  /**
   * Called once, when the blobs to send are known; the returned progress then advances by blobs and
   * raw bytes as the destination accepts them (its {@code files} count blobs).
   */
  Progress start(long blobs, long bytes);
}
