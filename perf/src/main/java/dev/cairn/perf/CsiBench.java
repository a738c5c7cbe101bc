package dev.cairn.perf;

import dev.cairn.csi.state.SnapshotState;
import dev.cairn.csi.state.VolumeState;
import dev.cairn.csi.volume.LinuxMounter;
import dev.cairn.csi.volume.VolumeManager;
import dev.cairn.csi.volume.VolumeSource;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.RepositoryOptions;
import dev.cairn.store.SnapshotRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code CsiBench WORKDIR}: times the CSI volume paths that must stay flat or scale with change,
 * through the driver's VolumeManager with real mounts (needs root):
 *
 * <ul>
 *   <li>create + publish a volume from a snapshot of 100 MiB and of 2 GiB, first (materializing the
 *       cache) and again from the cached snapshot;
 *   <li>CreateSnapshot of a volume over the 2 GiB snapshot after writing 10 MiB and 500 MiB.
 * </ul>
 */
public final class CsiBench {
  private CsiBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/cairn-csi-bench").toAbsolutePath();
    LinuxMounter mounter = new LinuxMounter();
    // Start clean: unmount what an interrupted run left, then remove its files.
    mounter.mountPointsUnder(work).forEach(mounter::unmount);
    if (Files.exists(work)) {
      try (var paths = Files.walk(work)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(work);
    try (Repository repo = Repository.init(work.resolve("repo"), RepositoryOptions.DEFAULTS);
        VolumeManager volumes =
            new VolumeManager(repo, mounter, work.resolve("state"), Clock.systemUTC())) {
      System.out.println("| step | 100 MiB snapshot | 2 GiB snapshot |");
      System.out.println("|---|---:|---:|");
      String small = seed(repo, work.resolve("src-small"), 100L << 20, "small");
      String large = seed(repo, work.resolve("src-large"), 2L << 30, "large");
      double[] first = {
        createAndPublish(volumes, work, small, "small-1"),
        createAndPublish(volumes, work, large, "large-1")
      };
      double[] cached = {
        createAndPublish(volumes, work, small, "small-2"),
        createAndPublish(volumes, work, large, "large-2")
      };
      double[] third = {
        createAndPublish(volumes, work, small, "small-3"),
        createAndPublish(volumes, work, large, "large-3")
      };
      row("create + publish, first (restores into the cache) s", first);
      row("create + publish from the cached snapshot s", cached);
      row("again, another volume s", third);

      System.out.println();
      System.out.println(
          "| change written into a volume over the 2 GiB snapshot | CreateSnapshot s |");
      System.out.println("|---|---:|");
      for (long mib : new long[] {10, 500}) {
        String name = "changed-" + mib;
        VolumeState v = volumes.createVolume(name, 0, VolumeSource.storeSnapshot(large), Map.of());
        Path target = work.resolve("pods").resolve(name);
        volumes.publish(v.getVolumeId(), target, false, List.of());
        write(target.resolve("new-data.bin"), mib << 20, new SplittableRandom(mib));
        long t0 = System.nanoTime();
        SnapshotState s = volumes.createSnapshot("snap-" + name, v.getVolumeId());
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("| %d MiB | %.3f |%n", mib, secs);
        volumes.unpublish(v.getVolumeId(), target);
        if (s.getSizeBytes() < (2L << 30)) {
          throw new IllegalStateException("snapshot lost the lower layer: " + s.getSizeBytes());
        }
      }
      for (VolumeState v : volumes.listVolumes()) {
        volumes.deleteVolume(v.getVolumeId());
      }
    } finally {
      mounter.mountPointsUnder(work).forEach(mounter::unmount);
    }
  }

  private static String seed(Repository repo, Path dir, long bytes, String name)
      throws IOException {
    SplittableRandom rnd = new SplittableRandom(bytes);
    long perFile = 64L << 20;
    for (long done = 0, i = 0; done < bytes; done += perFile, i++) {
      write(dir.resolve(String.format("shard-%04d.bin", i)), Math.min(perFile, bytes - done), rnd);
    }
    return repo.snapshot(SnapshotRequest.of(dir, new RefName("bench", name)))
        .snapshot()
        .id()
        .toString();
  }

  private static double createAndPublish(
      VolumeManager volumes, Path work, String snapshot, String name) {
    long t0 = System.nanoTime();
    VolumeState v = volumes.createVolume(name, 0, VolumeSource.storeSnapshot(snapshot), Map.of());
    volumes.publish(v.getVolumeId(), work.resolve("pods").resolve(name), false, List.of());
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void row(String label, double[] secs) {
    System.out.printf("| %s | %.3f | %.3f |%n", label, secs[0], secs[1]);
  }

  private static void write(Path file, long bytes, SplittableRandom rnd) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] buf = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long done = 0; done < bytes; done += buf.length) {
        for (int i = 0; i + 8 <= buf.length; i += 8) {
          long v = rnd.nextLong();
          for (int k = 0; k < 8; k++) {
            buf[i + k] = (byte) (v >>> (8 * k));
          }
        }
        out.write(buf, 0, (int) Math.min(buf.length, bytes - done));
      }
    }
  }
}
