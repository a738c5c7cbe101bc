package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import java.util.List;

/** Snapshots that retention expires, each with the ref whose policy let it go and why. */
public record ExpiryPlan(List<Expired> expired) {

  public static final ExpiryPlan EMPTY = new ExpiryPlan(List.of());

  public ExpiryPlan {
    expired = List.copyOf(expired);
  }

  /** One expired snapshot. */
  public record Expired(ObjectId snapshot, String ref, String reason) {}
}
