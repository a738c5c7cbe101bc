package dev.cairn.store;

/** The current value of a ref or tag. {@code seq} counts its updates and orders its log. */
public record Ref(RefName name, ObjectId target, boolean tag, long seq) {}
