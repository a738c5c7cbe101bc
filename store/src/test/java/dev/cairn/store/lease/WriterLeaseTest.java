package dev.cairn.store.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.store.ConflictException;
import dev.cairn.store.UnavailableException;
import dev.cairn.store.WriterLeaseSettings;
import dev.cairn.store.s3.S3Backend;
import dev.cairn.store.testkit.MutableClock;
import dev.cairn.store.testkit.S3TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriterLeaseTest {
  private static final WriterLeaseSettings QUICK =
      new WriterLeaseSettings(Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMillis(50));

  private final S3Backend bucket = S3TestServer.shared().newBackend();
  private final MutableClock clock = MutableClock.atNow();
  private final List<String> notices = new ArrayList<>();

  @AfterEach
  void close() {
    bucket.close();
  }

  private WriterLease acquire(WriterLeaseSettings settings, Duration wait, MutableClock c) {
    return WriterLease.acquire(bucket, "s3://test/repo", settings, wait, c, notices::add);
  }

  @Test
  void aSecondWriterWaitsForTheHolderThenFailsSayingWhoHoldsIt() {
    try (WriterLease first = acquire(QUICK, Duration.ZERO, clock)) {
      first.verify("write");
      assertThatThrownBy(() -> acquire(QUICK, Duration.ofMillis(200), clock))
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("Cannot write s3://test/repo: another writer holds its lease: ")
          .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")")
          .hasMessageContaining("'cairn serve'");
    }
  }

  @Test
  void closingReleasesTheLeaseSoTheNextWriterGetsItAtOnce() {
    acquire(QUICK, Duration.ZERO, clock).close();
    try (WriterLease second = acquire(QUICK, Duration.ZERO, clock)) {
      assertThat(second.epoch()).isEqualTo(2);
      assertThat(second.tookOverFrom()).isEmpty();
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void anAbandonedLeaseIsTakenOverWithAMessageAndItsHolderCanNoLongerWrite() {
    WriterLease frozen = acquire(QUICK, Duration.ZERO, clock);
    frozen.stopRenewing();
    MutableClock later = new MutableClock(clock.instant().plus(Duration.ofMinutes(3)));
    try (WriterLease taker = acquire(QUICK, Duration.ZERO, later)) {
      assertThat(taker.tookOverFrom()).isPresent();
      assertThat(notices)
          .singleElement()
          .asString()
          .startsWith("Took over the writer lease of s3://test/repo from ")
          .contains("last heartbeat 180s ago");
      assertThatThrownBy(() -> frozen.verify("update ref ns/x"))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("Cannot update ref ns/x in s3://test/repo: its writer lease was")
          .hasMessageContaining("taken over by");
      taker.verify("update ref ns/x");
    }
    frozen.close(); // a lost lease is not released: that would free the taker's
  }

  @Test
  void heartbeatsKeepALiveLeaseFromBeingTakenOver() throws Exception {
    WriterLeaseSettings fast =
        new WriterLeaseSettings(
            Duration.ofMinutes(2), Duration.ofMillis(50), Duration.ofMillis(50));
    try (WriterLease holder = acquire(fast, Duration.ZERO, clock)) {
      clock.advance(Duration.ofMinutes(10));
      Instant renewedAt = clock.instant();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!heartbeatOf(holder).equals(renewedAt) && System.nanoTime() < deadline) {
        Thread.sleep(20); // waiting for the heartbeat thread, not for time to pass
      }
      assertThat(heartbeatOf(holder)).isEqualTo(renewedAt);
      assertThatThrownBy(() -> acquire(fast, Duration.ofMillis(100), clock))
          .isInstanceOf(UnavailableException.class);
    }
  }

  /** A held lease with a fresh heartbeat, as a process with these particulars left it. */
  private void leftBy(String machine, long pid, java.util.Optional<Instant> started) {
    Instant now = clock.instant();
    LeaseRecord r =
        new LeaseRecord("gone", "ci@here", pid, machine, started, now, now, LeaseRecord.State.HELD);
    assertThat(bucket.put(WriterLease.name(1), r.encode())).isTrue();
  }

  private static long exitedPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void aLeaseWhoseProcessOnThisMachineExitedIsTakenOverAtOnce() throws Exception {
    assumeTrue(!LocalProcesses.MACHINE.isEmpty(), "this platform cannot identify its machine");
    leftBy(LocalProcesses.MACHINE, exitedPid(), java.util.Optional.empty());
    try (WriterLease taker = acquire(QUICK, Duration.ZERO, clock)) {
      assertThat(taker.epoch()).isEqualTo(2);
      assertThat(taker.tookOverFrom()).isPresent();
    }
    assertThat(notices).singleElement().asString().contains("has exited");
  }

  @Test
  void aReusedPidDoesNotKeepAnExitedHoldersLease() {
    assumeTrue(!LocalProcesses.MACHINE.isEmpty(), "this platform cannot identify its machine");
    // Our own pid, but a process that started long before this one: the pid was reused.
    leftBy(
        LocalProcesses.MACHINE,
        ProcessHandle.current().pid(),
        java.util.Optional.of(Instant.parse("2001-01-01T00:00:00Z")));
    try (WriterLease taker = acquire(QUICK, Duration.ZERO, clock)) {
      assertThat(taker.tookOverFrom()).isPresent();
    }
  }

  @Test
  void aHolderOnAnotherMachineOrOfUnknownOriginIsWaitedForEvenIfItsPidIsFreeHere()
      throws Exception {
    long pid = exitedPid();
    for (String machine : List.of("elsewhere/boot/pid:[1]", "")) {
      bucket.delete(WriterLease.name(1));
      leftBy(machine, pid, java.util.Optional.empty());
      assertThatThrownBy(() -> acquire(QUICK, Duration.ofMillis(100), clock))
          .isInstanceOf(UnavailableException.class);
    }
  }

  private Instant heartbeatOf(WriterLease lease) {
    return LeaseRecord.parse(bucket.readAll(WriterLease.name(lease.epoch())), "lease").heartbeat();
  }
}
