package dev.cairn.store.s3;

import java.util.function.BooleanSupplier;

/** Whether the server honours {@code If-None-Match: *}, probed once on first need. */
final class ConditionalWrites {
  private final BooleanSupplier probe;
  private volatile Boolean supported;

  ConditionalWrites(BooleanSupplier probe) {
    this.probe = probe;
  }

  boolean supported() {
    Boolean s = supported;
    if (s == null) {
      synchronized (this) {
        if (supported == null) {
          supported = probe.getAsBoolean();
        }
        s = supported;
      }
    }
    return s;
  }
}
