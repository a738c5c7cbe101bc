package dev.cairn.api.routes;

import dev.cairn.api.ApiException;
import dev.cairn.api.ApiMetrics;
import dev.cairn.api.Call;
import dev.cairn.api.LineageRoots;
import dev.cairn.api.Page;
import dev.cairn.api.PageToken;
import dev.cairn.api.Reply;
import dev.cairn.api.Route;
import dev.cairn.api.Route.Access;
import dev.cairn.api.tar.TarExport;
import dev.cairn.api.tar.TarIngest;
import dev.cairn.gc.GcRoots;
import dev.cairn.gc.RetentionRoots;
import dev.cairn.gc.RootSet;
import dev.cairn.lineage.LineageStore;
import dev.cairn.store.DiffEntry;
import dev.cairn.store.Entry;
import dev.cairn.store.EntryType;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.RefName;
import dev.cairn.store.Repository;
import dev.cairn.store.Snapshot;
import dev.cairn.store.SnapshotKind;
import dev.cairn.store.SnapshotRequest;
import dev.cairn.store.SnapshotResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Snapshots over HTTP: list, create from a tar upload, get, tree, files, archives, diff, delete.
 */
public final class SnapshotRoutes {
  private static final String NS = "/api/v1/namespaces/{ns}";
  private static final String ONE = NS + "/snapshots/{id}";

  private final Repository repo;
  private final Optional<LineageStore> lineage;
  private final ApiMetrics metrics;
  private final long maxUploadBytes;

  public SnapshotRoutes(
      Repository repo, Optional<LineageStore> lineage, ApiMetrics metrics, long maxUploadBytes) {
    this.repo = repo;
    this.lineage = lineage;
    this.metrics = metrics;
    this.maxUploadBytes = maxUploadBytes;
  }

  public List<Route> routes() {
    return List.of(
        Route.get(
            "/api/v1/namespaces",
            Access.AUTHENTICATED,
            "listNamespaces",
            "Namespaces that hold snapshots or refs and that the caller may read",
            this::namespaces),
        Route.get(NS + "/snapshots", Access.READ, "listSnapshots", "List snapshots", this::list)
            .withQuery("ref", "string", "Only this ref's history (first parents)")
            .withQuery("kind", "string", "volume, dataset, code, model or other")
            .withQuery("label", "string", "KEY=VALUE; repeat for all of several")
            .withQuery("since", "string", "Created at or after this instant (ISO-8601)")
            .withQuery("until", "string", "Created before this instant (ISO-8601)")
            .withQuery("limit", "integer", "Page size (default 100, at most 1000)")
            .withQuery("page_token", "string", "From the previous page"),
        Route.post(
                NS + "/snapshots",
                Access.WRITE,
                "createSnapshot",
                "Create a snapshot from an uploaded tar stream and move a ref to it",
                this::create)
            .withUpload("application/x-tar", maxUploadBytes)
            .withQuery("ref", "string", "Ref (in this namespace) to move to the new snapshot")
            .withQuery("kind", "string", "volume, dataset, code, model or other")
            .withQuery("message", "string", "Message")
            .withQuery("label", "string", "KEY=VALUE; repeatable")
            .withQuery("source", "string", "Where the data came from (default: tar upload)"),
        Route.get(ONE, Access.READ, "getSnapshot", "A snapshot", this::get),
        Route.delete(
                ONE,
                Access.ADMIN,
                "deleteSnapshot",
                "Delete a snapshot; refused while a ref or a live lineage artifact refers to it",
                this::delete)
            .withQuery("force", "boolean", "Delete even if referenced"),
        Route.get(
            ONE + "/tree/{path+}",
            Access.READ,
            "listTree",
            "The entries of a directory (or the entry of a file) in a snapshot",
            this::tree),
        Route.get(
                ONE + "/files/{path+}",
                Access.READ,
                "downloadFile",
                "A file's content; supports Range and If-None-Match",
                this::file)
            .withResponse("application/octet-stream"),
        Route.get(
                ONE + "/archive/{path+}",
                Access.READ,
                "downloadArchive",
                "A snapshot or a subtree as a tar stream",
                this::archive)
            .withResponse("application/x-tar"),
        Route.get(
                NS + "/diff",
                Access.READ,
                "diffSnapshots",
                "Differences from one snapshot to another",
                this::diff)
            .withQuery("from", "string", "Old snapshot")
            .withQuery("to", "string", "New snapshot"));
  }

  private Reply namespaces(Call call) {
    TreeSet<String> names = new TreeSet<>();
    repo.refs().list(Optional.empty()).forEach(r -> names.add(r.name().namespace()));
    repo.listSnapshots(Optional.empty()).forEach(s -> names.add(s.namespace()));
    names.removeIf(ns -> !call.principal().sees(ns));
    return Reply.ok(Map.of("namespaces", List.copyOf(names)));
  }

  private Reply list(Call call) {
    String ns = call.namespace();
    Optional<String> ref = call.query("ref");
    Optional<SnapshotKind> kind = call.query("kind").map(SnapshotRoutes::kind);
    Map<String, String> labels = labels(call);
    Optional<Instant> since = call.query("since").map(t -> instant("since", t));
    Optional<Instant> until = call.query("until").map(t -> instant("until", t));
    int size = PageToken.pageSize(call);
    String scope = "snapshots|" + ns + "|" + ref.orElse("") + "|" + kind + "|" + labels;

    Stream<Snapshot> all =
        ref.isPresent()
            ? repo.history(new RefName(ns, ref.get())).stream()
            : repo.listSnapshots(Optional.of(ns)).stream();
    List<Snapshot> matching =
        all.filter(s -> kind.isEmpty() || s.kind() == kind.get())
            .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
            .filter(s -> since.isEmpty() || !s.createdAt().isBefore(since.get()))
            .filter(s -> until.isEmpty() || s.createdAt().isBefore(until.get()))
            .sorted(Comparator.comparing(Snapshot::createdAt).thenComparing(s -> s.id().toString()))
            .toList();
    // The cursor is the last (time, id) returned: snapshots are immutable and new ones sort
    // after it, so pages neither repeat nor skip while a client reads them.
    Optional<List<String>> after = call.query("page_token").map(t -> PageToken.decode(scope, t, 2));
    List<Snapshot> page = new ArrayList<>();
    for (Snapshot s : matching) {
      if (after.isPresent() && !isAfter(s, after.get())) {
        continue;
      }
      if (page.size() == size) {
        Snapshot last = page.get(page.size() - 1);
        return Reply.ok(
            new Page<>(
                page,
                PageToken.encode(
                    scope, List.of(last.createdAt().toString(), last.id().toString()))));
      }
      page.add(s);
    }
    return Reply.ok(new Page<>(page, null));
  }

  private static boolean isAfter(Snapshot s, List<String> cursor) {
    Instant t;
    try {
      t = Instant.parse(cursor.get(0));
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("Invalid page_token: it is not a token this server issued");
    }
    int c = s.createdAt().compareTo(t);
    return c > 0 || (c == 0 && s.id().toString().compareTo(cursor.get(1)) > 0);
  }

  private Reply create(Call call) throws IOException {
    String ns = call.namespace();
    String refName =
        call.query("ref").orElseThrow(() -> ApiException.badRequest("Missing query parameter ref"));
    RefName ref = new RefName(ns, refName);
    SnapshotRequest request =
        SnapshotRequest.of(Path.of("."), ref)
            .withKind(call.query("kind").map(SnapshotRoutes::kind).orElse(SnapshotKind.OTHER))
            .withMessage(call.query("message").orElse(""))
            .withLabels(labels(call))
            .withCreator(call.principal().name())
            // The staging directory below means nothing to readers; record what the caller names.
            .withOrigin(call.query("source").orElse("tar upload"));
    Path staging = Path.of(repo.location(), "uploads", UUID.randomUUID().toString());
    long start = System.nanoTime();
    try {
      Files.createDirectories(staging);
      try (InputStream body = call.bodyStream()) {
        TarIngest.unpack(body, staging);
      }
      // Nothing is visible until the snapshot and its ref are committed together below.
      SnapshotResult r = repo.snapshot(request.withSource(staging));
      metrics.snapshotted(r.bytesRead(), System.nanoTime() - start);
      return Reply.created(r);
    } finally {
      deleteTree(staging);
    }
  }

  private Reply get(Call call) {
    return Reply.ok(Snapshots.load(repo, call.namespace(), call.path("id")));
  }

  private Reply delete(Call call) {
    Snapshot s = Snapshots.load(repo, call.namespace(), call.path("id"));
    if (call.queryFlag("force")) {
      repo.deleteSnapshot(s.id());
    } else {
      List<GcRoots> roots = new ArrayList<>(LineageRoots.of(lineage));
      roots.add(new RetentionRoots(repo));
      RootSet.collect(repo, roots)
          .deleteUnlessHeld(
              repo,
              s.id(),
              "move or delete them, or force the delete (force=true; --force in the cairn CLI)");
    }
    return Reply.noContent();
  }

  private Reply tree(Call call) {
    Snapshot s = Snapshots.load(repo, call.namespace(), call.path("id"));
    String path = SnapshotPaths.validate(call.path("path"));
    return Reply.ok(Map.of("snapshot", s.id(), "path", path, "entries", repo.list(s.id(), path)));
  }

  private Reply file(Call call) {
    Snapshot s = Snapshots.load(repo, call.namespace(), call.path("id"));
    String path = SnapshotPaths.validate(call.path("path"));
    Entry e = repo.stat(s.id(), path);
    if (e.type() != EntryType.FILE) {
      throw new InvalidArgumentException(
          "Cannot download "
              + path
              + " in snapshot "
              + s.id().toShortString()
              + ": it is a "
              + e.type().name().toLowerCase(Locale.ROOT));
    }
    return FileDownload.reply(call, repo, s.id(), e, metrics);
  }

  private Reply archive(Call call) {
    Snapshot s = Snapshots.load(repo, call.namespace(), call.path("id"));
    String path = SnapshotPaths.validate(call.path("path"));
    repo.stat(s.id(), path); // 404 before the stream starts
    String name = path.isEmpty() ? s.id().toShortString() : path.replace('/', '_');
    return new Reply.Stream(
        200,
        "application/x-tar",
        -1,
        Map.of("Content-Disposition", "attachment; filename=\"" + name + ".tar\""),
        out -> {
          long start = System.nanoTime();
          long bytes = TarExport.write(repo, s.id(), path, out);
          metrics.restored(bytes, System.nanoTime() - start);
        });
  }

  private Reply diff(Call call) {
    String ns = call.namespace();
    String from =
        call.query("from")
            .orElseThrow(() -> ApiException.badRequest("Missing query parameter from"));
    String to =
        call.query("to").orElseThrow(() -> ApiException.badRequest("Missing query parameter to"));
    Snapshot a = Snapshots.load(repo, ns, from);
    Snapshot b = Snapshots.load(repo, ns, to);
    List<DiffEntry> changes = repo.diff(a.id(), b.id());
    return Reply.ok(Map.of("from", a.id(), "to", b.id(), "changes", changes));
  }

  private static SnapshotKind kind(String s) {
    try {
      return SnapshotKind.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "Invalid kind '" + s + "': use volume, dataset, code, model or other");
    }
  }

  private static Map<String, String> labels(Call call) {
    Map<String, String> out = new TreeMap<>();
    for (String kv : call.queryAll("label")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw ApiException.badRequest("Invalid label '" + kv + "': expected KEY=VALUE");
      }
      out.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return out;
  }

  private static Instant instant(String name, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "Invalid query parameter " + name + "='" + text + "': expected an ISO-8601 instant");
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean upload staging " + dir, e);
    }
  }
}
