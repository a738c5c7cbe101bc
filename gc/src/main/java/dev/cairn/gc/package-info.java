/**
 * Garbage collection and retention: which snapshots a repository keeps, and the two-phase mark,
 * condemn and sweep that reclaims the chunks and packs nothing live references. Depends on {@code
 * store} only; pins from lineage and the CSI driver arrive through {@link dev.cairn.gc.GcRoots}.
 */
package dev.cairn.gc;
