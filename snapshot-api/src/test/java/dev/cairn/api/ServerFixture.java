package dev.cairn.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.auth.Role;
import dev.cairn.api.auth.TokenFile;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.rocks.RocksLineageStore;
import dev.cairn.store.Repository;
import dev.cairn.store.testkit.TestRepos;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server on a free loopback port over a fresh repository and lineage store, with tokens:
 * {@code admin} (every namespace), {@code writer} and {@code reader} (team-a only).
 */
abstract class ServerFixture {
  @TempDir Path tmp;
  Repository repo;
  LineageStore lineage;
  ApiServer server;
  final HttpClient http = HttpClient.newHttpClient();
  String admin;
  String writer;
  String reader;

  ServerOptions options() {
    return ServerOptions.defaults()
        .withAddress("127.0.0.1", 0)
        .withTokens(tmp.resolve("tokens.json"));
  }

  @BeforeEach
  void startServer() {
    Path tokens = tmp.resolve("tokens.json");
    admin = TokenFile.create(tokens, "admin", Set.of("*"), Role.ADMIN, Clock.systemUTC());
    writer = TokenFile.create(tokens, "writer", Set.of("team-a"), Role.WRITE, Clock.systemUTC());
    reader = TokenFile.create(tokens, "reader", Set.of("team-a"), Role.READ, Clock.systemUTC());
    repo = Repository.init(tmp.resolve("repo"), TestRepos.options());
    lineage = RocksLineageStore.open(tmp.resolve("repo/lineage"), Clock.systemUTC());
    server = ApiServer.start(repo, Optional.of(lineage), options(), "test");
  }

  /** Restarts the server with one more token, {@code team-admin} (admin of team-a only). */
  String restartWithTeamAdmin() {
    server.close();
    String teamAdmin =
        TokenFile.create(
            tmp.resolve("tokens.json"),
            "team-admin",
            Set.of("team-a"),
            Role.ADMIN,
            Clock.systemUTC());
    server = ApiServer.start(repo, Optional.of(lineage), options(), "test");
    return teamAdmin;
  }

  @AfterEach
  void stopServer() {
    server.close();
    lineage.close();
    repo.close();
  }

  record Res(int status, byte[] body, Map<String, java.util.List<String>> headers) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return Json.mapper().readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON (" + status + "): " + text(), e);
      }
    }

    String header(String name) {
      return headers
          .getOrDefault(name.toLowerCase(java.util.Locale.ROOT), java.util.List.of(""))
          .get(0);
    }
  }

  HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  Res send(HttpRequest request) {
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      Map<String, java.util.List<String>> headers = new java.util.TreeMap<>();
      r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
      return new Res(r.statusCode(), r.body(), headers);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Res get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  Res delete(String path, String token) {
    return send(request(path, token).DELETE().build());
  }

  Res putJson(String path, String token, String json) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  Res postJson(String path, String token, String json) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  Res upload(String ns, String query, String token, byte[] tar) {
    return send(
        request("/api/v1/namespaces/" + ns + "/snapshots?" + query, token)
            .header("Content-Type", "application/x-tar")
            .POST(HttpRequest.BodyPublishers.ofByteArray(tar))
            .build());
  }

  /** A tar of the given files (name to content); names ending in '/' are directories. */
  static byte[] tar(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, String> f : files.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
        if (!f.getKey().endsWith("/")) {
          e.setSize(data.length);
        }
        e.setModTime(1_700_000_000_000L);
        out.putArchiveEntry(e);
        if (!f.getKey().endsWith("/")) {
          out.write(data);
        }
        out.closeArchiveEntry();
      }
      out.finish();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Uploads a snapshot as admin into {@code ns}, moving {@code ref}; returns its id. */
  String snapshot(String ns, String ref, Map<String, String> files) {
    Res r = upload(ns, "ref=" + ref, admin, tar(files));
    if (r.status() != 201) {
      throw new AssertionError("upload failed: " + r.status() + " " + r.text());
    }
    return r.json().get("snapshot").get("id").asText();
  }
}
