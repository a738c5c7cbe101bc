package dev.cairn.gc;

import dev.cairn.store.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one policy to one ref's history; pure, so it is tested on generated histories without a
 * repository. The semantics follow restic's {@code forget}, which backup users know:
 *
 * <ul>
 *   <li>keep-last N keeps the N newest snapshots;
 *   <li>keep-daily N (and hourly, weekly, monthly, yearly) walks the history newest first and keeps
 *       the first snapshot it meets in each new bucket until N buckets are used, so it keeps the
 *       newest snapshot of each of the N most recent days that have snapshots; empty days do not
 *       count;
 *   <li>keep-within P keeps snapshots created at or after (newest snapshot - P). It counts back
 *       from the history's newest snapshot, not from now, so a ref whose writer stopped keeps its
 *       last period of snapshots instead of losing them all as time passes, and a plan made
 *       tomorrow expires the same snapshots as one made today;
 *   <li>keep-tagged keeps every snapshot a tag points at.
 * </ul>
 *
 * A count of {@link RetentionPolicy#UNLIMITED} has no end: keep-last keeps every snapshot, a
 * calendar rule the newest of every bucket.
 *
 * <p>Newest first means by creation time, ties broken by id, so equal times still give one order.
 */
public final class RetentionSelector {
  /** Newest first; snapshots created at the same instant in id order. */
  public static final Comparator<RetentionCandidate> NEWEST_FIRST =
      Comparator.comparing(RetentionCandidate::createdAt)
          .reversed()
          .thenComparing(RetentionCandidate::id);

  private RetentionSelector() {}

  /**
   * Decides every snapshot of {@code history} (any order, duplicates ignored).
   *
   * @return one decision per snapshot, newest first
   */
  public static List<RetentionDecision> select(
      RetentionPolicy policy, Collection<RetentionCandidate> history) {
    Map<ObjectId, RetentionCandidate> unique = new LinkedHashMap<>();
    history.stream().sorted(NEWEST_FIRST).forEach(c -> unique.putIfAbsent(c.id(), c));
    List<RetentionCandidate> newestFirst = List.copyOf(unique.values());
    Map<ObjectId, List<String>> reasons = new LinkedHashMap<>();
    newestFirst.forEach(c -> reasons.put(c.id(), new ArrayList<>()));

    int last = RetentionPolicy.limit(policy.keepLast());
    for (int i = 0; i < Math.min(last, newestFirst.size()); i++) {
      reasons
          .get(newestFirst.get(i).id())
          .add("last " + RetentionPolicy.countText(policy.keepLast()));
    }
    for (CalendarBucket bucket : CalendarBucket.values()) {
      keepBuckets(bucket, policy, newestFirst, reasons);
    }
    if (policy.keepWithin().isPresent() && !newestFirst.isEmpty()) {
      RetentionPeriod period = policy.keepWithin().get();
      Instant cutoff = period.before(newestFirst.get(0).createdAt(), policy.zone());
      for (RetentionCandidate c : newestFirst) {
        if (!c.createdAt().isBefore(cutoff)) {
          reasons.get(c.id()).add("within " + period);
        }
      }
    }
    if (policy.keepTagged()) {
      newestFirst.forEach(c -> c.tags().forEach(t -> reasons.get(c.id()).add("tag " + t)));
    }
    return newestFirst.stream().map(c -> new RetentionDecision(c, reasons.get(c.id()))).toList();
  }

  private static void keepBuckets(
      CalendarBucket bucket,
      RetentionPolicy policy,
      List<RetentionCandidate> newestFirst,
      Map<ObjectId, List<String>> reasons) {
    int left = RetentionPolicy.limit(policy.keep(bucket));
    String last = null;
    for (RetentionCandidate c : newestFirst) {
      if (left == 0) {
        return;
      }
      String key = bucket.key(c.createdAt(), policy.zone());
      if (!key.equals(last)) {
        reasons.get(c.id()).add(bucket.label() + " " + key);
        last = key;
        left--;
      }
    }
  }
}
