package dev.cairn.store;

/**
 * A blob as a repository stores it, not yet verified: zstd-compressed or raw bytes, and the length
 * they decode to. Copying it as it is spares a transfer decompressing and compressing again; the
 * receiving repository decodes and verifies it against its id.
 */
public record StoredBlob(ObjectId id, byte[] bytes, int rawLength, boolean compressed) {}
