package dev.cairn.perf.lineage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline's two queries over MLMD's tables, as prepared statements reused across calls. Each
 * returns the nodes' own columns (not their property rows, which the Rocks side does read: that
 * favours SQLite).
 */
final class SqliteQueries implements AutoCloseable {
  /** An artifact (with its uri) or an execution (uri null) as its table row. */
  record Node(
      boolean artifact,
      long id,
      long typeId,
      String uri,
      int state,
      String name,
      String externalId,
      long created,
      long updated) {}

  private static final String ARTIFACT_COLUMNS =
      "A.id, A.type_id, A.uri, A.state, A.name, A.external_id,"
          + " A.create_time_since_epoch, A.last_update_time_since_epoch";
  private static final String EXECUTION_COLUMNS =
      "X.id, X.type_id, NULL, X.last_known_state, X.name, X.external_id,"
          + " X.create_time_since_epoch, X.last_update_time_since_epoch";

  /**
   * Upstream along events, as LineageWalker walks it: from an artifact to the executions that
   * output it (DECLARED_OUTPUT, OUTPUT, INTERNAL_OUTPUT, PENDING_OUTPUT), from an execution to the
   * artifacts it read (every other type); each event one hop. A node belongs if some path of at
   * most ?2 hops reaches it, which is the walker's breadth-first set.
   */
  private static final String UPSTREAM =
      "WITH RECURSIVE up(kind, id, depth) AS ("
          + " SELECT 0, ?1, 0"
          + " UNION"
          + " SELECT 1, ev.execution_id, up.depth + 1 FROM up JOIN Event AS ev"
          + "  ON ev.artifact_id = up.id"
          + "  WHERE up.kind = 0 AND up.depth < ?2 AND ev.type IN (1, 4, 6, 7)"
          + " UNION"
          + " SELECT 0, ev.artifact_id, up.depth + 1 FROM up JOIN Event AS ev"
          + "  ON ev.execution_id = up.id"
          + "  WHERE up.kind = 1 AND up.depth < ?2 AND ev.type NOT IN (1, 4, 6, 7)"
          + "), nodes(kind, id) AS (SELECT DISTINCT kind, id FROM up)"
          + " SELECT 0, "
          + ARTIFACT_COLUMNS
          + " FROM nodes JOIN Artifact AS A ON A.id = nodes.id WHERE nodes.kind = 0"
          + " UNION ALL"
          + " SELECT 1, "
          + EXECUTION_COLUMNS
          + " FROM nodes JOIN Execution AS X ON X.id = nodes.id WHERE nodes.kind = 1";

  private final PreparedStatement artifactsByContext;
  private final PreparedStatement executionsByContext;
  private final PreparedStatement upstream;

  SqliteQueries(Connection db) throws SQLException {
    artifactsByContext =
        db.prepareStatement(
            "SELECT 0, "
                + ARTIFACT_COLUMNS
                + " FROM Attribution AS T JOIN Artifact AS A ON A.id = T.artifact_id"
                + " WHERE T.context_id = ?");
    executionsByContext =
        db.prepareStatement(
            "SELECT 1, "
                + EXECUTION_COLUMNS
                + " FROM Association AS T JOIN Execution AS X ON X.id = T.execution_id"
                + " WHERE T.context_id = ?");
    upstream = db.prepareStatement(UPSTREAM);
  }

  /** The artifacts and executions of a context (MLMD's GetArtifactsByContext and ...Executions). */
  List<Node> byContext(long contextId) throws SQLException {
    List<Node> out = new ArrayList<>();
    artifactsByContext.setLong(1, contextId);
    read(artifactsByContext, out);
    executionsByContext.setLong(1, contextId);
    read(executionsByContext, out);
    return out;
  }

  /** The nodes within {@code hops} events upstream of an artifact, the artifact included. */
  List<Node> upstream(long artifactId, int hops) throws SQLException {
    List<Node> out = new ArrayList<>();
    upstream.setLong(1, artifactId);
    upstream.setInt(2, hops);
    read(upstream, out);
    return out;
  }

  private static void read(PreparedStatement query, List<Node> out) throws SQLException {
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Node(
                rs.getInt(1) == 0,
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8),
                rs.getLong(9)));
      }
    }
  }

  @Override
  public void close() throws SQLException {
    artifactsByContext.close();
    executionsByContext.close();
    upstream.close();
  }
}
