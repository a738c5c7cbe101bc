package dev.cairn.store;

import java.time.Instant;
import java.util.Optional;

/** One update of a ref: its value before and after (empty = absent), when, by whom and why. */
public record RefLogEntry(
    RefName ref,
    long seq,
    Optional<ObjectId> oldTarget,
    Optional<ObjectId> newTarget,
    boolean tag,
    Instant time,
    String actor,
    String reason) {}
