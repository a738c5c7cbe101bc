package dev.cairn.store;

import java.time.Instant;

/** An object's name, size and last-modified time as the backend reports them. */
public record ObjectInfo(String name, long size, Instant lastModified) {}
