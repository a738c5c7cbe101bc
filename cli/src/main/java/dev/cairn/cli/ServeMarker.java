package dev.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.Json;
import dev.cairn.store.UnavailableException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The note {@code cairn serve} leaves in a directory repository it serves ({@code serving}: its URL
 * and process id), so that another command that would open the repository itself can say at once
 * that the server holds it and how to go through the server, instead of waiting for the index lock
 * and failing. A note whose process is gone (a server killed with -9) is ignored.
 */
final class ServeMarker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServeMarker.class);
  static final String FILE = "serving";

  private final Path file;

  private ServeMarker(Path file) {
    this.file = file;
  }

  /** Notes that this process serves {@code repo} at {@code url}, until {@link #close}. */
  static ServeMarker write(Path repo, URI url) {
    Path file = repo.resolve(FILE);
    try {
      Path tmp = Files.createTempFile(repo, FILE, ".tmp");
      Files.write(
          tmp,
          Json.mapper()
              .writeValueAsBytes(
                  Map.of(
                      "url", url.toString(),
                      "pid", ProcessHandle.current().pid(),
                      "started", startOf(ProcessHandle.current()))));
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // Only a message depends on it: other commands still find the repository locked.
      LOG.warn("Cannot write {}: {}", file, e.toString());
    }
    return new ServeMarker(file);
  }

  /**
   * Fails if a live {@code cairn serve} holds {@code repo}, naming its URL and what to do instead.
   *
   * @param what what the command tried to do, for the message ({@code open the repository})
   */
  static void requireNotServed(Path repo, String what) {
    find(repo)
        .ifPresent(
            url -> {
              throw new UnavailableException(
                  "Cannot "
                      + what
                      + " "
                      + repo
                      + ": it is served by a running 'cairn serve' at "
                      + url
                      + ", which holds it; run this command through the server with --server "
                      + url
                      + " (and --token if it has tokens), or stop the server");
            });
  }

  /** The URL of the live server that holds {@code repo}, if one does. */
  static Optional<String> find(Path repo) {
    Path file = repo.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode note = Json.mapper().readTree(Files.readAllBytes(file));
      // The start time tells the server from an unrelated process that later got its pid.
      String started = note.path("started").asText();
      boolean alive =
          ProcessHandle.of(note.path("pid").asLong(-1))
              .filter(ProcessHandle::isAlive)
              .map(h -> startOf(h).equals(started))
              .orElse(false);
      return alive ? Optional.of(note.path("url").asText()) : Optional.empty();
    } catch (IOException e) {
      // A torn or foreign file says nothing reliable; the repository lock still protects it.
      return Optional.empty();
    }
  }

  private static String startOf(ProcessHandle h) {
    return h.info().startInstant().map(Object::toString).orElse("");
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Cannot remove {}: {}", file, e.toString());
    }
  }
}
