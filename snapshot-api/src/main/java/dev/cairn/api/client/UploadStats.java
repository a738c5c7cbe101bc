package dev.cairn.api.client;

/**
 * What one upload cost: blob ids asked about, blobs sent (raw and as stored, compressed, in packs)
 * and the packs that carried them.
 */
public record UploadStats(
    long idsAsked, long blobsSent, long rawBytesSent, long packsSent, long packBytesSent) {}
