package dev.cairn.cli;

import dev.cairn.api.client.ApiClient;
import dev.cairn.store.InvalidArgumentException;
import java.net.URI;
import java.util.Optional;

/**
 * The server commands talk to instead of a local repository: {@code --server} or {@code
 * CAIRN_SERVER}, with the token from {@code --token} or {@code CAIRN_TOKEN}.
 */
final class RemoteLocator {
  private static String server;
  private static String token;

  private RemoteLocator() {}

  static void setServer(String url) {
    server = url;
  }

  static void setToken(String t) {
    token = t;
  }

  private static String peerToken;

  static void setPeerToken(String t) {
    peerToken = t;
  }

  /**
   * A client for the server at the other end of a push or pull; its token comes from {@code
   * --remote-token} ({@code CAIRN_REMOTE_TOKEN}), else from {@code --token} ({@code CAIRN_TOKEN}).
   */
  static ApiClient peerClient(String url) {
    String t = peerToken != null ? peerToken : System.getenv("CAIRN_REMOTE_TOKEN");
    if (t == null || t.isBlank()) {
      t = token != null ? token : System.getenv("CAIRN_TOKEN");
    }
    return new ApiClient(uri(url, "--to/--from"), Optional.ofNullable(t).filter(s -> !s.isBlank()));
  }

  /** The client for the configured server, if one is configured. */
  static Optional<ApiClient> client() {
    String url = server != null ? server : System.getenv("CAIRN_SERVER");
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    URI uri = uri(url, "--server");
    String t = token != null ? token : System.getenv("CAIRN_TOKEN");
    return Optional.of(new ApiClient(uri, Optional.ofNullable(t).filter(s -> !s.isBlank())));
  }

  private static URI uri(String url, String option) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("Invalid " + option + " '" + url + "': " + e.getMessage());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new InvalidArgumentException(
          "Invalid " + option + " '" + url + "': expected an http:// or https:// URL");
    }
    return uri;
  }
}
