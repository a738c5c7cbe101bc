package dev.cairn.cli;

import dev.cairn.api.client.ApiClient;
import dev.cairn.store.Repository;
import java.util.Optional;

/**
 * Turns what a user typed for a snapshot (a full id, a unique prefix of 8+ hex digits, or {@code
 * NAMESPACE/REF}) into its full id: through the server with {@code --server}, else in the local
 * repository.
 */
final class SnapshotResolver {
  private SnapshotResolver() {}

  /**
   * The snapshot's full id. On a server, an id or prefix is looked up among {@code namespace}'s
   * snapshots only, as the server scopes every caller to its namespaces.
   */
  static String resolve(String spec, String namespace) {
    Optional<ApiClient> remote = RemoteLocator.client();
    if (remote.isEmpty()) {
      try (Repository repo = RepoLocator.openReadOnly()) {
        return repo.resolve(spec).toString();
      }
    }
    ApiClient client = remote.get();
    int slash = spec.indexOf('/');
    if (slash > 0) {
      String path =
          "/api/v1/namespaces/"
              + ApiClient.encode(spec.substring(0, slash))
              + "/refs/"
              + ApiClient.encode(spec.substring(slash + 1));
      return client.get(path).path("target").asText();
    }
    String path =
        "/api/v1/namespaces/"
            + ApiClient.encode(namespace)
            + "/snapshots/"
            + ApiClient.encode(spec);
    return client.get(path).path("id").asText();
  }
}
