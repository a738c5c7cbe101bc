package dev.cairn.csi.volume;

/** Space a volume uses: bytes (capacity, used, available) and entries (files and directories). */
public record VolumeUsage(long totalBytes, long usedBytes, long availableBytes, long usedInodes) {}
