package dev.cairn.cli;

import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import dev.cairn.store.TransferOptions;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What push and pull share: the snapshot to copy, how much history, and which destination ref
 * moves. By default a snapshot named by a ref moves the same-named ref at the destination, one
 * named by id moves none; a ref moves only forward (to a descendant of what it holds) unless {@code
 * --force}.
 */
final class TransferArgs {
  @Parameters(
      index = "0",
      paramLabel = "SNAPSHOT|REF",
      description = "Snapshot id, unique prefix, NS/REF, or REF with --namespace.")
  String spec;

  @Option(names = "--history", description = "Also copy the snapshot's ancestors.")
  boolean history;

  @Option(
      names = "--depth",
      paramLabel = "N",
      description = "Copy ancestors up to N generations back (implies --history).")
  Integer depth;

  @Option(
      names = "--ref",
      paramLabel = "[NS/]NAME",
      description = "Destination ref to point at the snapshot (default: the REF given, if any).")
  String ref;

  @Option(names = "--no-ref", description = "Move no ref at the destination.")
  boolean noRef;

  @Option(
      names = "--force",
      description = "Move the ref even if that is not a fast-forward (still compare-and-swap).")
  boolean force;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "Namespace of a REF or --ref NAME given without one.")
  String namespace;

  @Option(
      names = "--remote-token",
      paramLabel = "TOKEN",
      description = "Token for a server at the other end ($CAIRN_REMOTE_TOKEN; default: --token).")
  void setRemoteToken(String token) {
    RemoteLocator.setPeerToken(token);
  }

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  /** The spec as the source resolves it: a bare name with --namespace is a ref there. */
  String qualifiedSpec() {
    String s = spec.trim();
    if (namespace != null && !s.contains("/") && !isIdPrefix(s)) {
      return namespace + "/" + s;
    }
    return s;
  }

  private static boolean isIdPrefix(String s) {
    return s.length() >= 8 && s.length() <= 64 && ObjectId.isHex(s.toLowerCase());
  }

  /** The destination ref to move, or empty. */
  Optional<RefName> destinationRef(Snapshot snapshot) {
    if (noRef) {
      if (ref != null) {
        throw new InvalidArgumentException("Cannot use --ref with --no-ref: choose one");
      }
      return Optional.empty();
    }
    if (ref != null) {
      String ns = namespace != null ? namespace : snapshot.namespace();
      return Optional.of(ref.contains("/") ? RefName.parse(ref) : new RefName(ns, ref));
    }
    String s = qualifiedSpec();
    return s.contains("/") ? Optional.of(RefName.parse(s)) : Optional.empty();
  }

  TransferOptions options(Snapshot snapshot) {
    TransferOptions o = TransferOptions.defaults();
    if (depth != null) {
      o = o.withDepth(depth);
    } else if (history) {
      o = o.withHistory();
    }
    Optional<RefName> r = destinationRef(snapshot);
    if (r.isPresent()) {
      o = o.withRef(r.get());
    }
    return force ? o.withForce() : o;
  }

  /** Resolves the snapshot in the source. */
  ObjectId resolve(Repository source) {
    return source.resolve(qualifiedSpec());
  }
}
