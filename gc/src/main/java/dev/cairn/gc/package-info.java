/**
 * Garbage collection and retention: which snapshots a repository keeps, and the two-phase mark,
 * condemn and sweep that reclaims the chunks and packs nothing live references. Depends on {@code
 * store} only; pins from lineage and the CSI driver arrive through {@link dev.cairn.gc.GcRoots}.
 *
 * <h2>Why a collection never loses a referenced snapshot</h2>
 *
 * <p>The one dangerous step is dropping a blob from the index (phase 2; a pack is deleted only once
 * no index entry points into it, and a repack moves an entry only if the pack's live set did not
 * change under the copy). A blob is dropped only if, under the revival lock: it is still condemned,
 * it was condemned at least a grace period ago (storage time), the mark of this run did not reach
 * it, and every writer session live during this run started after the condemnation was visible
 * ({@code SessionWatch.allStartedAfter}). Condemning is harmless on its own. So a blob a writer
 * relies on survives if the writer either
 *
 * <ol>
 *   <li>relied on it inside a session that started before the condemnation: the session blocks the
 *       drop until it ends, and by then its snapshot is committed, listed and marked (the listing
 *       follows the start of the watch); or
 *   <li>revived it ({@code Condemnations.keep}) under the lock after the condemnation: the drop
 *       then finds it no longer condemned, or it was dropped first and {@code keep} says so, and
 *       the writer stores it again or fails.
 * </ol>
 *
 * <p>Every path by which a writer references a blob without storing it takes one of the two:
 *
 * <ul>
 *   <li>Chunks, file nodes and trees a local snapshot puts: {@code BlobStore.put} calls {@code
 *       keep}; a blob deduplicated against another writer's pack in flight is indexed before the
 *       writer's flush returns (or the flush fails, if any pack upload failed since the writer
 *       began), and that pack cannot be condemned before the writer's session.
 *   <li>Files reused from the parent ({@code IndexFileReuse}): the parent may have been in flight
 *       when its blobs were condemned (so they wait for a pardon) and be deleted meanwhile, outside
 *       rule 1; so while anything is condemned the node and its chunks are revived. The same holds
 *       for the lower snapshot of an overlay snapshot, whose unmentioned entries are kept unread:
 *       while anything is condemned its closure is revived before the walk.
 *   <li>Upload commits and imports ({@code ClosureVerifier}): the commit's session covers the check
 *       and the commit, and the check revives every blob below the root (a directory's file nodes,
 *       then their chunks, each in one batch: {@code Condemnations.keepAll}, which answers as
 *       {@code keep} does for each id under one lock hold); while anything is condemned it walks
 *       the whole tree, since a parent's closure may hold condemned blobs. A blob already dropped
 *       is named in a {@code NotFoundException}; no snapshot is made.
 *   <li>{@code missing} answers, packs received with blobs already held, and push/pull planning
 *       that skips what the destination has: these revive, but the client's commit comes in a later
 *       request, so they are only a hint; the commit's check above is the guarantee. A client that
 *       waits longer than the grace period between them fails cleanly and uploads again.
 *   <li>Refs and tags moved onto an existing snapshot (ref routes, imports of a snapshot already
 *       here, CSI volume pins): a ref update refuses a snapshot that is not in the catalog, and a
 *       collection expires a snapshot only if no ref or tag points at it, both under the ref lock.
 * </ul>
 *
 * <p>After a crash, condemnations of the earlier process count as visible before every session of
 * the new one, whose writers revive from the start (the table is not empty). Conversely, once a
 * drop leaves nothing condemned, writers stop reviving whole closures, as in a fresh process: the
 * next condemnation raises the flag before it is written, and a writer that looked before then
 * began its session before the condemnation was visible (rule 1). Readers are not sessions: a
 * restore of a retained snapshot never meets a dropped blob, and a read that finds its pack
 * repacked away looks the blob up again; a restore of a snapshot being expired may fail.
 */
package dev.cairn.gc;
