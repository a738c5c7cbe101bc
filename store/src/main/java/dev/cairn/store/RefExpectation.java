package dev.cairn.store;

import java.util.Optional;

/** What a writer believes a ref holds before it updates it: compare-and-swap's "compare". */
public record RefExpectation(Kind kind, ObjectId value) {
  /** Which of the three expectations this is. */
  public enum Kind {
    ANY,
    ABSENT,
    VALUE
  }

  /** Unconditional update. */
  public static RefExpectation any() {
    return new RefExpectation(Kind.ANY, null);
  }

  /** The ref must not exist yet. */
  public static RefExpectation absent() {
    return new RefExpectation(Kind.ABSENT, null);
  }

  /** The ref must currently point at {@code id}. */
  public static RefExpectation value(ObjectId id) {
    return new RefExpectation(Kind.VALUE, id);
  }

  /** absent() for an empty optional, value(id) otherwise. */
  public static RefExpectation of(Optional<ObjectId> current) {
    return current.map(RefExpectation::value).orElseGet(RefExpectation::absent);
  }

  public boolean matches(Optional<ObjectId> current) {
    return switch (kind) {
      case ANY -> true;
      case ABSENT -> current.isEmpty();
      case VALUE -> current.isPresent() && current.get().equals(value);
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ANY -> "any value";
      case ABSENT -> "no value";
      case VALUE -> value.toShortString();
    };
  }
}
