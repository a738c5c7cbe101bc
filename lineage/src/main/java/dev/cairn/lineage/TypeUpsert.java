package dev.cairn.lineage;

/**
 * How a type put treats a type of the same name (and version) that is already stored, following
 * MLMD's PutArtifactType/PutExecutionType/PutContextType: a property may never change its value
 * type; properties the request adds are accepted only with {@code canAddFields}; stored properties
 * the request leaves out are accepted (and kept) only with {@code canOmitFields}.
 */
public record TypeUpsert(boolean canAddFields, boolean canOmitFields) {
  /** The request must list exactly the stored properties. */
  public static TypeUpsert exact() {
    return new TypeUpsert(false, false);
  }

  /** The request may add properties and leave stored ones out (the usual client setting). */
  public static TypeUpsert evolve() {
    return new TypeUpsert(true, true);
  }
}
