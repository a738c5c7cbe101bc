package dev.cairn.csi.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.csi.state.SnapshotState;
import dev.cairn.csi.state.VolumeState;
import dev.cairn.store.AlreadyExistsException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.testkit.TestRepos;
import dev.cairn.store.testkit.TreeGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Volumes, snapshots and publishing with real overlay and bind mounts. Needs root; skips otherwise.
 */
class VolumeManagerTest {
  @TempDir Path tmp;
  private Repository repo;
  private VolumeManager volumes;
  private final LinuxMounter mounter = new LinuxMounter();
  private final TreeGenerator gen = new TreeGenerator(33);

  @BeforeEach
  void init() {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "volume tests mount overlays and need root; skipping");
    repo = Repository.init(tmp.resolve("repo"), TestRepos.options());
    volumes = new VolumeManager(repo, mounter, tmp.resolve("state"), Clock.systemUTC());
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (volumes != null) {
      // Unmount whatever a failed test left, deepest first.
      mounter.mountPointsUnder(tmp).forEach(mounter::unmount);
      volumes.close();
      repo.close();
    }
  }

  /** A plain volume filled with data and snapshotted: the usual start of a pipeline. */
  private SnapshotState seededSnapshot() throws Exception {
    VolumeState seed = volumes.createVolume("seed", 1 << 30, VolumeSource.empty(), Map.of());
    Path target = tmp.resolve("pods/seed");
    volumes.publish(seed.getVolumeId(), target, false, List.of());
    gen.randomFile(target.resolve("model/weights.bin"), 3_000_000);
    gen.randomFile(target.resolve("data/train.csv"), 20_000);
    gen.randomFile(target.resolve("data/old.csv"), 100);
    gen.randomFile(target.resolve("logs/run.log"), 10);
    volumes.unpublish(seed.getVolumeId(), target);
    return volumes.createSnapshot("seed-snap", seed.getVolumeId());
  }

  @Test
  void aVolumeFromASnapshotIsACopyOnWriteOverlayWhoseSnapshotHoldsExactlyItsView()
      throws Exception {
    SnapshotState base = seededSnapshot();
    VolumeState v =
        volumes.createVolume(
            "work", 1 << 30, VolumeSource.snapshot(base.getSnapshotId()), Map.of());
    Path pod = tmp.resolve("pods/work");
    volumes.publish(v.getVolumeId(), pod, false, List.of());
    assertThat(Files.size(pod.resolve("model/weights.bin"))).isEqualTo(3_000_000);

    Files.writeString(pod.resolve("data/train.csv"), "a,b\n1,2\n");
    Files.delete(pod.resolve("data/old.csv"));
    Files.move(pod.resolve("logs/run.log"), pod.resolve("logs/renamed.log"));
    gen.randomFile(pod.resolve("outputs/metrics.json"), 300);

    SnapshotState after = volumes.createSnapshot("work-snap", v.getVolumeId());
    Path restored = tmp.resolve("restored");
    repo.restore(ObjectId.parse(after.getStoreSnapshot()), "", restored, Progress.NONE);
    assertThat(TreeGenerator.describe(restored)).isEqualTo(TreeGenerator.describe(pod));
    // The unchanged weights are shared, not copied into the volume.
    assertThat(
            Files.exists(
                tmp.resolve("state/volumes").resolve(dirOf(v)).resolve("upper/model/weights.bin")))
        .isFalse();
    assertThat(repo.loadSnapshot(ObjectId.parse(after.getStoreSnapshot())).kind())
        .isEqualTo(dev.cairn.store.SnapshotKind.VOLUME);
  }

  private static String dirOf(VolumeState v) {
    return ObjectId.hash(v.getVolumeId().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString()
        .substring(0, 40);
  }

  @Test
  void twoVolumesFromOneSnapshotAreIsolatedFromEachOtherAndFromTheCache() throws Exception {
    SnapshotState base = seededSnapshot();
    VolumeState a =
        volumes.createVolume("a", 0, VolumeSource.snapshot(base.getSnapshotId()), Map.of());
    VolumeState b =
        volumes.createVolume("b", 0, VolumeSource.snapshot(base.getSnapshotId()), Map.of());
    Path pa = tmp.resolve("pods/a");
    Path pb = tmp.resolve("pods/b");
    volumes.publish(a.getVolumeId(), pa, false, List.of());
    volumes.publish(b.getVolumeId(), pb, false, List.of());
    Files.writeString(pa.resolve("data/train.csv"), "changed in a");
    Files.delete(pa.resolve("model/weights.bin"));
    assertThat(Files.size(pb.resolve("data/train.csv"))).isEqualTo(20_000);
    assertThat(pb.resolve("model/weights.bin")).exists();
    Path cache = tmp.resolve("state/cache").resolve(base.getStoreSnapshot());
    assertThat(Files.size(cache.resolve("data/train.csv"))).isEqualTo(20_000);
    assertThat(cache.resolve("model/weights.bin")).exists();
  }

  @Test
  void createCallsAreIdempotentByNameAndRejectIncompatibleRepeats() throws Exception {
    SnapshotState base = seededSnapshot();
    VolumeState v = volumes.createVolume("same", 100, VolumeSource.empty(), Map.of("k", "v"));
    assertThat(volumes.createVolume("same", 100, VolumeSource.empty(), Map.of("k", "v")))
        .isEqualTo(v);
    assertThatThrownBy(
            () -> volumes.createVolume("same", 200, VolumeSource.empty(), Map.of("k", "v")))
        .isInstanceOf(AlreadyExistsException.class);
    assertThatThrownBy(
            () ->
                volumes.createVolume(
                    "same", 100, VolumeSource.snapshot(base.getSnapshotId()), Map.of("k", "v")))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(volumes.createSnapshot("seed-snap", base.getSourceVolumeId())).isEqualTo(base);
    assertThatThrownBy(() -> volumes.createSnapshot("seed-snap", v.getVolumeId()))
        .isInstanceOf(AlreadyExistsException.class);
    assertThatThrownBy(
            () -> volumes.createVolume("x", 0, VolumeSource.snapshot("cs-nope"), Map.of()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void twoSnapshotsOfIdenticalContentAreDistinctAndDeletableOnTheirOwn() throws Exception {
    SnapshotState one = seededSnapshot();
    SnapshotState two = volumes.createSnapshot("second-name", one.getSourceVolumeId());
    assertThat(two.getSnapshotId()).isNotEqualTo(one.getSnapshotId());
    volumes.deleteSnapshot(one.getSnapshotId());
    volumes.deleteSnapshot(one.getSnapshotId());
    assertThat(volumes.findSnapshot(one.getSnapshotId())).isEmpty();
    assertThat(repo.refs().find(new RefName("csi", one.getSnapshotId()))).isEmpty();
    VolumeState fromTwo =
        volumes.createVolume("from-two", 0, VolumeSource.snapshot(two.getSnapshotId()), Map.of());
    Path pod = tmp.resolve("pods/two");
    volumes.publish(fromTwo.getVolumeId(), pod, true, List.of());
    assertThat(Files.size(pod.resolve("model/weights.bin"))).isEqualTo(3_000_000);
    assertThatThrownBy(() -> Files.writeString(pod.resolve("x"), "no"))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void aCloneOfAVolumeSeesItsContentAndThenDiverges() throws Exception {
    SnapshotState base = seededSnapshot();
    VolumeState src =
        volumes.createVolume("src", 0, VolumeSource.snapshot(base.getSnapshotId()), Map.of());
    Path ps = tmp.resolve("pods/src");
    volumes.publish(src.getVolumeId(), ps, false, List.of());
    Files.writeString(ps.resolve("data/train.csv"), "edited before the clone");
    VolumeState clone =
        volumes.createVolume("clone", 0, VolumeSource.volume(src.getVolumeId()), Map.of());
    Path pc = tmp.resolve("pods/clone");
    volumes.publish(clone.getVolumeId(), pc, false, List.of());
    assertThat(Files.readString(pc.resolve("data/train.csv"))).isEqualTo("edited before the clone");
    Files.writeString(ps.resolve("data/train.csv"), "edited after");
    assertThat(Files.readString(pc.resolve("data/train.csv"))).isEqualTo("edited before the clone");
  }

  @Test
  void publishingSurvivesADriverRestartAndUnpublishCleansUp() throws Exception {
    SnapshotState base = seededSnapshot();
    VolumeState v =
        volumes.createVolume("r", 0, VolumeSource.snapshot(base.getSnapshotId()), Map.of());
    Path pod = tmp.resolve("pods/r");
    volumes.publish(v.getVolumeId(), pod, false, List.of());
    volumes.publish(v.getVolumeId(), pod, false, List.of());
    Files.writeString(pod.resolve("written-before-restart"), "x");

    volumes.close();
    volumes = new VolumeManager(repo, mounter, tmp.resolve("state"), Clock.systemUTC());
    assertThat(volumes.findVolume(v.getVolumeId())).isPresent();
    assertThat(Files.readString(pod.resolve("written-before-restart"))).isEqualTo("x");
    volumes.unpublish(v.getVolumeId(), pod);
    volumes.unpublish(v.getVolumeId(), pod);
    assertThat(pod).doesNotExist();
    volumes.deleteVolume(v.getVolumeId());
    volumes.deleteVolume(v.getVolumeId());
    assertThat(volumes.findVolume(v.getVolumeId())).isEmpty();
    // The shared cache outlives the volume.
    assertThat(tmp.resolve("state/cache").resolve(base.getStoreSnapshot())).isDirectory();
  }

  @Test
  void theCacheEvictsLeastRecentlyUsedSnapshotsThatNoVolumeUses() throws Exception {
    SnapshotState base = seededSnapshot();
    VolumeState seed = volumes.loadVolume(base.getSourceVolumeId());
    Path pod = tmp.resolve("pods/seed2");
    volumes.publish(seed.getVolumeId(), pod, false, List.of());
    Files.writeString(pod.resolve("second.txt"), "another version");
    volumes.unpublish(seed.getVolumeId(), pod);
    SnapshotState other = volumes.createSnapshot("other-snap", seed.getVolumeId());
    volumes.close();
    // A limit below one snapshot's size: only caches in use (or just used) may stay.
    volumes = new VolumeManager(repo, mounter, tmp.resolve("state"), Clock.systemUTC(), 1);
    VolumeState a =
        volumes.createVolume("a", 0, VolumeSource.snapshot(base.getSnapshotId()), Map.of());
    Path cacheA = tmp.resolve("state/cache").resolve(base.getStoreSnapshot());
    assertThat(cacheA).isDirectory();
    volumes.createVolume("b", 0, VolumeSource.snapshot(other.getSnapshotId()), Map.of());
    Path cacheB = tmp.resolve("state/cache").resolve(other.getStoreSnapshot());
    assertThat(cacheA).as("used by volume a").isDirectory();
    assertThat(cacheB).isDirectory();
    volumes.deleteVolume(a.getVolumeId());
    volumes.createVolume("c", 0, VolumeSource.snapshot(other.getSnapshotId()), Map.of());
    assertThat(cacheA).as("no volume uses it any more").doesNotExist();
    assertThat(cacheB).isDirectory();
  }

  @Test
  void leftoversOfACrashAreCleanedAtStartButLiveVolumesAndCachesStay() throws Exception {
    SnapshotState base = seededSnapshot();
    VolumeState v =
        volumes.createVolume("live", 0, VolumeSource.snapshot(base.getSnapshotId()), Map.of());
    volumes.close();
    Path strayVolume = Files.createDirectories(tmp.resolve("state/volumes/0123456789abcdef/upper"));
    Path halfCache = Files.createDirectories(tmp.resolve("state/cache/.tmp-abc/x"));
    Path unknownCache = Files.createDirectories(tmp.resolve("state/cache/" + "f".repeat(64)));
    volumes = new VolumeManager(repo, mounter, tmp.resolve("state"), Clock.systemUTC());
    assertThat(strayVolume.getParent()).doesNotExist();
    assertThat(halfCache.getParent()).doesNotExist();
    assertThat(unknownCache).doesNotExist();
    assertThat(tmp.resolve("state/cache").resolve(base.getStoreSnapshot())).isDirectory();
    Path pod = tmp.resolve("pods/live");
    volumes.publish(v.getVolumeId(), pod, false, List.of());
    assertThat(pod.resolve("model/weights.bin")).exists();
  }

  @Test
  void anEphemeralVolumeMountsAStoreSnapshotReadOnlyAndGoesAwayOnUnpublish() throws Exception {
    SnapshotState base = seededSnapshot();
    VolumeState v = volumes.createEphemeral("csi-ephemeral-123", "csi/" + base.getSnapshotId());
    Path pod = tmp.resolve("pods/eph");
    volumes.publish(v.getVolumeId(), pod, false, List.of());
    assertThat(Files.size(pod.resolve("data/train.csv"))).isEqualTo(20_000);
    assertThatThrownBy(() -> Files.writeString(pod.resolve("x"), "no"))
        .isInstanceOf(java.io.IOException.class);
    volumes.unpublish(v.getVolumeId(), pod);
    assertThat(volumes.findVolume(v.getVolumeId())).isEmpty();
  }

  @Test
  void aVolumePinsItsLowerSnapshotWithARefUntilItIsDeleted() throws Exception {
    SnapshotState base = seededSnapshot();
    ObjectId lower = ObjectId.parse(base.getStoreSnapshot());
    VolumeState v =
        volumes.createVolume(
            "pinned", 1 << 30, VolumeSource.storeSnapshot(lower.toString()), Map.of());
    RefName pin = VolumeManager.pinRef(v.getVolumeId());
    assertThat(repo.refs().load(pin).target()).isEqualTo(lower);

    // The CSI snapshot goes away; the volume built on its content still holds it.
    volumes.deleteSnapshot(base.getSnapshotId());
    assertThat(repo.refs().find(pin)).isPresent();

    volumes.deleteVolume(v.getVolumeId());
    assertThat(repo.refs().find(pin)).isEmpty();
  }

  @Test
  void anEphemeralVolumeIsPinnedWhileMountedAndAStrayPinIsRemovedOnRestart() throws Exception {
    SnapshotState base = seededSnapshot();
    VolumeState v = volumes.createEphemeral("csi-ephemeral-pin", "csi/" + base.getSnapshotId());
    Path pod = tmp.resolve("pods/eph-pin");
    volumes.publish(v.getVolumeId(), pod, false, List.of());
    RefName pin = VolumeManager.pinRef(v.getVolumeId());
    assertThat(repo.refs().find(pin)).isPresent();
    volumes.unpublish(v.getVolumeId(), pod);
    assertThat(repo.refs().find(pin)).isEmpty();

    // A create that died after pinning but before its record leaves a pin no volume owns.
    RefName stray = VolumeManager.pinRef("never-recorded");
    repo.refs()
        .update(
            stray,
            dev.cairn.store.RefExpectation.absent(),
            ObjectId.parse(base.getStoreSnapshot()),
            "test");
    volumes.close();
    volumes = new VolumeManager(repo, mounter, tmp.resolve("state"), Clock.systemUTC());
    assertThat(repo.refs().find(stray)).isEmpty();
  }

  @Test
  void aClonesFrozenLayerIsHeldOnlyByTheClonesPinAndRestartRepairsPins() throws Exception {
    SnapshotState base = seededSnapshot();
    VolumeState src =
        volumes.createVolume("src", 0, VolumeSource.snapshot(base.getSnapshotId()), Map.of());
    VolumeState clone =
        volumes.createVolume("clone", 0, VolumeSource.volume(src.getVolumeId()), Map.of());
    RefName pin = VolumeManager.pinRef(clone.getVolumeId());
    assertThat(repo.refs().load(pin).target().toString()).isEqualTo(clone.getLowerSnapshot());
    assertThat(repo.refs().list(java.util.Optional.of("csi")))
        .extracting(r -> r.name().name())
        .noneMatch(n -> n.startsWith("clone-"));

    volumes.deleteVolume(clone.getVolumeId());
    assertThat(repo.refs().find(pin)).isEmpty();

    // A volume recorded before pins existed, with the clone ref that used to hold its layer.
    VolumeState old =
        volumes.createVolume("old", 0, VolumeSource.volume(src.getVolumeId()), Map.of());
    RefName oldPin = VolumeManager.pinRef(old.getVolumeId());
    ObjectId oldLower = ObjectId.parse(old.getLowerSnapshot());
    RefName legacy = new RefName("csi", "clone-0123456789abcdef0123456789abcdef");
    repo.refs().delete(oldPin, dev.cairn.store.RefExpectation.any(), "test");
    repo.refs().update(legacy, dev.cairn.store.RefExpectation.absent(), oldLower, "test");
    volumes.close();
    volumes = new VolumeManager(repo, mounter, tmp.resolve("state"), Clock.systemUTC());
    assertThat(repo.refs().load(oldPin).target()).isEqualTo(oldLower);
    assertThat(repo.refs().find(legacy)).isEmpty();
  }
}
