package dev.cairn.store;

/** A pack a repository accepted: its id, its size, its blobs and how many of them were new. */
public record ReceivedPack(ObjectId id, long bytes, int blobs, int newBlobs) {}
