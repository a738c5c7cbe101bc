package dev.cairn.cli;

import dev.cairn.store.ConflictException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.Progress;
import dev.cairn.store.RefUpdate;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import dev.cairn.store.TransferOptions;
import dev.cairn.store.TransferResult;
import dev.cairn.store.transfer.SnapshotTransfer;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a push or a pull: copies, shows a progress bar, and prints the summary line. */
final class SnapshotCopy {
  private SnapshotCopy() {}

  static int run(
      String verb, Repository source, Repository destination, TransferArgs args, PrintWriter out) {
    ObjectId id = args.resolve(source);
    Snapshot snapshot = source.loadSnapshot(id);
    AtomicReference<Progress> bar = new AtomicReference<>(Progress.NONE);
    TransferOptions options =
        args.options(snapshot)
            .withProgress(
                (blobs, bytes) -> {
                  bar.set(ConsoleProgress.forBlobs(verb, bytes, blobs));
                  return bar.get();
                });
    TransferResult r;
    try {
      r = new SnapshotTransfer(source, destination).copy(id, options);
    } finally {
      ConsoleProgress.close(bar.get());
    }
    if (args.json) {
      Output.json(out, r);
    } else {
      String peer = verb.equals("push") ? destination.location() : source.location();
      out.println(summary(verb, peer, r));
    }
    out.flush();
    RefUpdate update = r.refUpdate().orElse(RefUpdate.UNCHANGED);
    if (update == RefUpdate.CONFLICT || update == RefUpdate.REJECTED_TAG) {
      throw new ConflictException(
          "Copied snapshot "
              + id.toShortString()
              + " but did not move ref "
              + r.ref().orElseThrow()
              + " in "
              + destination.location()
              + ": "
              + (update == RefUpdate.CONFLICT
                  ? "it changed while the copy ran; run it again"
                  : "it is a tag, and tags never move"));
    }
    return ExitCodes.OK;
  }

  /** One line: what was copied to (push) or from (pull) {@code peer}, what was sent and skipped. */
  static String summary(String verb, String peer, TransferResult r) {
    StringBuilder s = new StringBuilder();
    s.append(verb.equals("push") ? "pushed " : "pulled ")
        .append(r.snapshot().id().toShortString())
        .append(verb.equals("push") ? " to " : " from ")
        .append(peer)
        .append(": ")
        .append(r.copied().size())
        .append(" snapshot(s) copied, ")
        .append(r.alreadyThere())
        .append(" already there; sent ")
        .append(r.blobsSent())
        .append(" blobs, ")
        .append(Output.bytes(r.rawBytesSent()))
        .append(" (")
        .append(Output.bytes(r.packBytesSent()))
        .append(" in ")
        .append(r.packsSent())
        .append(" packs); skipped ")
        .append(r.blobsSkipped())
        .append(" blobs, ")
        .append(Output.bytes(r.bytesSkipped()))
        .append(" already there");
    r.ref()
        .ifPresent(
            ref ->
                s.append("; ref ")
                    .append(ref)
                    .append(' ')
                    .append(r.refUpdate().orElseThrow().name().toLowerCase()));
    return s.toString();
  }
}
