package dev.cairn.store.lease;

import dev.cairn.store.ConflictException;
import dev.cairn.store.Hosts;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectBackend;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.SupportsReplace;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.WriterLeaseSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to write a bucket repository directly, held by one process at a time. Leases are
 * numbered objects {@code locks/writer/<epoch>}: claiming epoch N+1 (put-if-absent) is how a writer
 * takes over from N, so at most one claim of each epoch wins, and a holder that sees a higher epoch
 * knows it lost. The holder rewrites its object every heartbeat; one whose last heartbeat (by its
 * own clock and by the server's object time) is older than the ttl is abandoned and may be taken
 * over, with a message saying whose it was.
 *
 * <p>Writers on many machines should not fight over the lease: they go through one {@code cairn
 * serve}, which holds it for as long as it runs. Thread safe.
 */
public final class WriterLease implements AutoCloseable {
  static final String PREFIX = "locks/writer/";
  private static final Logger log = LoggerFactory.getLogger(WriterLease.class);

  private final ObjectBackend objects;
  private final SupportsReplace replace;
  private final String where;
  private final WriterLeaseSettings settings;
  private final Clock clock;
  private final long epoch;
  private final Optional<LeaseRecord> tookOverFrom;
  private final ScheduledExecutorService heartbeats;
  private LeaseRecord record;
  private Instant confirmedAt;
  private RuntimeException lost;

  private WriterLease(
      ObjectBackend objects,
      SupportsReplace replace,
      String where,
      WriterLeaseSettings settings,
      Clock clock,
      long epoch,
      LeaseRecord record,
      Optional<LeaseRecord> tookOverFrom) {
    this.objects = objects;
    this.replace = replace;
    this.where = where;
    this.settings = settings;
    this.clock = clock;
    this.epoch = epoch;
    this.record = record;
    this.tookOverFrom = tookOverFrom;
    this.confirmedAt = clock.instant();
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cairn-lease-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every = settings.heartbeat().toMillis();
    heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Claims the lease, waiting up to {@code wait} for a live holder to let go, and taking over an
   * abandoned one (reported through {@code notices}).
   *
   * @param where the repository, for messages
   * @throws UnavailableException if a live holder keeps it for longer than {@code wait}
   */
  public static <B extends ObjectBackend & SupportsReplace> WriterLease acquire(
      B objects,
      String where,
      WriterLeaseSettings settings,
      Duration wait,
      Clock clock,
      Consumer<String> notices) {
    Instant deadline = Instant.now().plus(wait);
    String holder = UUID.randomUUID().toString();
    String owner = System.getProperty("user.name", "?") + "@" + Hosts.name();
    while (true) {
      Optional<ObjectInfo> latest = latest(objects);
      long candidate = latest.map(i -> epochOf(i.name()) + 1).orElse(1L);
      Optional<LeaseRecord> previous = Optional.empty();
      if (latest.isPresent()) {
        LeaseRecord current;
        try {
          current = read(objects, latest.get().name());
        } catch (ConflictException changed) {
          continue;
        }
        Instant now = clock.instant();
        if (current.state() == LeaseRecord.State.HELD) {
          if (!stale(current, latest.get(), now, settings) && !current.holderExited()) {
            if (Instant.now().isAfter(deadline)) {
              throw new UnavailableException(
                  "Cannot write "
                      + where
                      + ": another writer holds its lease: "
                      + current.describe(now)
                      + "; it counts as abandoned "
                      + settings.ttl().toSeconds()
                      + "s after its last heartbeat. For writers on several machines, run one"
                      + " 'cairn serve' on the repository and point them at it with --server");
            }
            pause(settings);
            continue;
          }
          previous = Optional.of(current);
        }
      }
      Instant now = clock.instant();
      LeaseRecord mine =
          new LeaseRecord(
              holder,
              owner,
              ProcessHandle.current().pid(),
              LocalProcesses.MACHINE,
              LocalProcesses.selfStarted(),
              now,
              now,
              LeaseRecord.State.HELD);
      if (!objects.put(name(candidate), mine.encode())
          || !settled(objects, candidate, holder, settings)) {
        continue; // another writer claimed this epoch first
      }
      previous.ifPresent(
          p ->
              notices.accept(
                  "Took over the writer lease of "
                      + where
                      + " from "
                      + p.describe(clock.instant())
                      + (p.holderExited()
                          ? ": its process on this machine has exited"
                          : ": it had stopped renewing it")));
      deleteOlder(objects, candidate);
      return new WriterLease(objects, objects, where, settings, clock, candidate, mine, previous);
    }
  }

  /** The lease this one took over, if it took one over. */
  public Optional<LeaseRecord> tookOverFrom() {
    return tookOverFrom;
  }

  public long epoch() {
    return epoch;
  }

  /**
   * Confirms with the bucket that the lease is still this process's, before a write that others
   * would see.
   *
   * @throws ConflictException if another writer took it over
   */
  public void verify(String action) {
    synchronized (this) {
      if (lost != null) {
        throw lost;
      }
    }
    RuntimeException failure = check(action);
    synchronized (this) {
      if (failure != null) {
        lost = failure;
        throw failure;
      }
      confirmedAt = clock.instant();
    }
  }

  /** Null while this process holds the lease, else the error its writes now fail with. */
  private RuntimeException check(String action) {
    Optional<ObjectInfo> latest = latest(objects);
    if (latest.isPresent() && epochOf(latest.get().name()) > epoch) {
      LeaseRecord taker = read(objects, latest.get().name());
      return new ConflictException(
          "Cannot "
              + action
              + " in "
              + where
              + ": its writer lease was taken over by "
              + taker.owner()
              + " (pid "
              + taker.pid()
              + ") at "
              + taker.acquired()
              + "; this process stopped renewing it for longer than "
              + settings.ttl().toSeconds()
              + "s");
    }
    if (latest.isEmpty() || epochOf(latest.get().name()) < epoch) {
      return new ConflictException(
          "Cannot " + action + " in " + where + ": its writer lease disappeared");
    }
    return null;
  }

  private void beat() {
    try {
      verify("renew the writer lease");
      LeaseRecord next;
      synchronized (this) {
        next = record.withHeartbeat(clock.instant());
        record = next;
      }
      replace.replace(name(epoch), next.encode());
    } catch (ConflictException e) {
      log.warn("{}", e.getMessage());
      heartbeats.shutdown();
    } catch (RuntimeException e) {
      // A missed heartbeat is harmless until the ttl runs out; the next one tries again.
      log.debug("Cannot renew the writer lease of {}: {}", where, e.getMessage());
    }
  }

  /** Stops renewing without releasing, as a process that hangs or dies would. For tests. */
  void stopRenewing() {
    heartbeats.shutdownNow();
  }

  /** Stops renewing and marks the lease released, so the next writer need not wait. */
  @Override
  public void close() {
    heartbeats.shutdownNow();
    synchronized (this) {
      if (lost != null) {
        return;
      }
    }
    try {
      if (check("release the writer lease") == null) {
        replace.replace(name(epoch), record.released().encode());
      }
    } catch (RuntimeException e) {
      // Not releasing only makes the next writer wait for the ttl.
      log.warn("Cannot release the writer lease of {}: {}", where, e.getMessage());
    }
  }

  private static boolean stale(
      LeaseRecord r, ObjectInfo info, Instant now, WriterLeaseSettings settings) {
    // The later of the holder's clock and the server's, so a fast local clock alone never makes
    // a live lease look abandoned.
    Instant last = r.heartbeat().isAfter(info.lastModified()) ? r.heartbeat() : info.lastModified();
    return Duration.between(last, now).compareTo(settings.ttl()) > 0;
  }

  /**
   * Where put-if-absent is not a single atomic request, two claims of one epoch can both seem to
   * win: wait, then read back who really holds it.
   */
  private static boolean settled(
      ObjectBackend objects, long epoch, String holder, WriterLeaseSettings settings) {
    if (settings.settle().isZero()) {
      return true;
    }
    try {
      Thread.sleep(settings.settle().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("Interrupted while claiming the writer lease", e);
    }
    Optional<ObjectInfo> latest = latest(objects);
    return latest.isPresent()
        && epochOf(latest.get().name()) == epoch
        && holder.equals(read(objects, name(epoch)).holder());
  }

  private static void deleteOlder(ObjectBackend objects, long epoch) {
    // Keep the one before, which says whom this lease took over from.
    try (Stream<ObjectInfo> s = objects.list(PREFIX)) {
      for (ObjectInfo info : s.toList()) {
        if (epochOf(info.name()) < epoch - 1) {
          objects.delete(info.name());
        }
      }
    } catch (RuntimeException e) {
      log.debug("Cannot delete old writer leases: {}", e.getMessage());
    }
  }

  private static Optional<ObjectInfo> latest(ObjectBackend objects) {
    try (Stream<ObjectInfo> s = objects.list(PREFIX)) {
      List<ObjectInfo> all = s.filter(i -> epochOf(i.name()) > 0).toList();
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
  }

  private static LeaseRecord read(ObjectBackend objects, String name) {
    try {
      return LeaseRecord.parse(objects.readAll(name), name);
    } catch (NotFoundException e) {
      throw new ConflictException("Cannot read writer lease " + name + ": it changed meanwhile", e);
    }
  }

  static String name(long epoch) {
    return PREFIX + String.format("%020d", epoch);
  }

  private static long epochOf(String name) {
    try {
      return Long.parseLong(name.substring(PREFIX.length()));
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static void pause(WriterLeaseSettings settings) {
    try {
      Thread.sleep(Math.min(1000, settings.heartbeat().toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("Interrupted while waiting for the writer lease", e);
    }
  }
}
