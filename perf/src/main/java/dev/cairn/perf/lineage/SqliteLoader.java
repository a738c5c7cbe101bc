package dev.cairn.perf.lineage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates MLMD's SQLite schema and loads a {@link PipelineGraph} into it as one transaction of
 * batched prepared inserts, the fastest way to fill it (MLMD itself commits once per PutExecution).
 * Rows are the ones MLMD's PutExecution would write for the records {@link RocksLoader} writes,
 * with the graph's own ids as row ids: Attribution, Association and ParentContext rows that already
 * exist are skipped as MLMD skips them.
 */
final class SqliteLoader {
  /** About 10,000 rows per statement between executeBatch calls. */
  private static final int RUNS_PER_BATCH = 500;

  private static final int SNAPSHOT_TYPE = 1;
  private static final int STEP_TYPE = 2;
  private static final int RUN_TYPE = 3;
  private static final int PIPELINE_TYPE = 4;
  private static final int INPUT = 3;
  private static final int OUTPUT = 4;
  private static final int LIVE = 2;
  private static final int COMPLETE = 3;

  private final Connection db;
  private final List<PreparedStatement> statements = new ArrayList<>();
  private PreparedStatement artifact;
  private PreparedStatement execution;
  private PreparedStatement executionProperty;
  private PreparedStatement context;
  private PreparedStatement parentContext;
  private PreparedStatement event;
  private PreparedStatement eventPath;
  private PreparedStatement association;
  private PreparedStatement attribution;
  private int pending;
  private long nextEvent = 1;

  SqliteLoader(Connection db) {
    this.db = db;
  }

  static void createSchema(Connection db) throws SQLException {
    try (Statement s = db.createStatement()) {
      for (String ddl : MlmdSqliteSchema.TABLES) {
        s.execute(ddl);
      }
      for (String ddl : MlmdSqliteSchema.INDEXES) {
        s.execute(ddl);
      }
      s.execute(
          "INSERT INTO MLMDEnv (schema_version) VALUES (" + MlmdSqliteSchema.SCHEMA_VERSION + ")");
      s.execute(
          "INSERT INTO Type (id, name, type_kind) VALUES"
              + " (1, 'cairn.Snapshot', 1), (2, 'cairn.Step', 0),"
              + " (3, 'cairn.Run', 2), (4, 'cairn.Pipeline', 2)");
    }
  }

  void load(PipelineGraph graph, Progress progress) throws SQLException {
    boolean autoCommit = db.getAutoCommit();
    db.setAutoCommit(false);
    try {
      prepare();
      long now = System.currentTimeMillis();
      boolean[] sourceSeen = new boolean[graph.shape().sources()];
      boolean[] pipelineSeen = new boolean[graph.shape().pipelines()];
      for (PipelineGraph.Run run : graph.runs()) {
        long pipelineId = PipelineGraph.pipelineContextId(run.pipeline());
        if (!pipelineSeen[run.pipeline()]) {
          pipelineSeen[run.pipeline()] = true;
          context(
              pipelineId,
              PIPELINE_TYPE,
              PipelineGraph.pipelineName(run.pipeline()),
              "pipeline:",
              now);
        }
        context(run.contextId(), RUN_TYPE, run.name(), "run:", now);
        parentContext.setLong(1, run.contextId());
        parentContext.setLong(2, pipelineId);
        parentContext.addBatch();
        for (PipelineGraph.Step step : run.steps()) {
          step(graph, step, new long[] {run.contextId(), pipelineId}, sourceSeen, now);
          progress.step();
        }
        flushIfFull();
      }
      for (PreparedStatement s : statements) {
        s.executeBatch();
      }
      db.commit();
    } finally {
      for (PreparedStatement s : statements) {
        s.close();
      }
      db.setAutoCommit(autoCommit);
    }
  }

  private void step(
      PipelineGraph graph, PipelineGraph.Step step, long[] contexts, boolean[] sourceSeen, long now)
      throws SQLException {
    execution.setLong(1, step.executionId());
    execution.setInt(2, STEP_TYPE);
    execution.setInt(3, COMPLETE);
    execution.setString(4, step.executionName());
    execution.setString(5, step.executionName());
    execution.setLong(6, now);
    execution.setLong(7, now);
    execution.addBatch();
    executionProperty(step.executionId(), "exit_code", 0L, null);
    executionProperty(step.executionId(), "command", null, "python " + step.name() + ".py");
    executionProperty(step.executionId(), "step", null, step.name());
    for (long input : step.inputs()) {
      if (graph.isSource(input) && !sourceSeen[(int) input - 1]) {
        sourceSeen[(int) input - 1] = true;
        artifact(graph, input, now);
      }
      event(input, step.executionId(), INPUT, graph.isSource(input) ? "source" : "previous", now);
    }
    artifact(graph, step.output(), now);
    event(step.output(), step.executionId(), OUTPUT, "out", now);
    for (long contextId : contexts) {
      association.setLong(1, contextId);
      association.setLong(2, step.executionId());
      association.addBatch();
      for (long a : step.inputs()) {
        attribution(contextId, a);
      }
      attribution(contextId, step.output());
    }
  }

  private void prepare() throws SQLException {
    artifact =
        prepare(
            "INSERT INTO Artifact (id, type_id, uri, state, external_id,"
                + " create_time_since_epoch, last_update_time_since_epoch)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    execution =
        prepare(
            "INSERT INTO Execution (id, type_id, last_known_state, name, external_id,"
                + " create_time_since_epoch, last_update_time_since_epoch)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    executionProperty =
        prepare(
            "INSERT INTO ExecutionProperty (execution_id, name, is_custom_property,"
                + " int_value, string_value) VALUES (?, ?, 1, ?, ?)");
    context =
        prepare(
            "INSERT INTO Context (id, type_id, name, external_id,"
                + " create_time_since_epoch, last_update_time_since_epoch)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
    parentContext =
        prepare(
            "INSERT OR IGNORE INTO ParentContext (context_id, parent_context_id) VALUES (?, ?)");
    event =
        prepare(
            "INSERT INTO Event (id, artifact_id, execution_id, type, milliseconds_since_epoch)"
                + " VALUES (?, ?, ?, ?, ?)");
    eventPath =
        prepare("INSERT INTO EventPath (event_id, is_index_step, step_key) VALUES (?, 0, ?)");
    association =
        prepare("INSERT OR IGNORE INTO Association (context_id, execution_id) VALUES (?, ?)");
    attribution =
        prepare("INSERT OR IGNORE INTO Attribution (context_id, artifact_id) VALUES (?, ?)");
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement s = db.prepareStatement(sql);
    statements.add(s);
    return s;
  }

  private void artifact(PipelineGraph graph, long id, long now) throws SQLException {
    String uri = graph.uri(id);
    artifact.setLong(1, id);
    artifact.setInt(2, SNAPSHOT_TYPE);
    artifact.setString(3, uri);
    artifact.setInt(4, LIVE);
    artifact.setString(5, uri);
    artifact.setLong(6, now);
    artifact.setLong(7, now);
    artifact.addBatch();
  }

  private void context(long id, int type, String name, String externalIdPrefix, long now)
      throws SQLException {
    context.setLong(1, id);
    context.setInt(2, type);
    context.setString(3, name);
    context.setString(4, externalIdPrefix + name);
    context.setLong(5, now);
    context.setLong(6, now);
    context.addBatch();
  }

  private void executionProperty(long executionId, String name, Long intValue, String stringValue)
      throws SQLException {
    executionProperty.setLong(1, executionId);
    executionProperty.setString(2, name);
    executionProperty.setObject(3, intValue);
    executionProperty.setString(4, stringValue);
    executionProperty.addBatch();
  }

  private void event(long artifactId, long executionId, int type, String port, long now)
      throws SQLException {
    long id = nextEvent++;
    event.setLong(1, id);
    event.setLong(2, artifactId);
    event.setLong(3, executionId);
    event.setInt(4, type);
    event.setLong(5, now);
    event.addBatch();
    eventPath.setLong(1, id);
    eventPath.setString(2, port);
    eventPath.addBatch();
  }

  private void attribution(long contextId, long artifactId) throws SQLException {
    attribution.setLong(1, contextId);
    attribution.setLong(2, artifactId);
    attribution.addBatch();
  }

  private void flushIfFull() throws SQLException {
    if (++pending >= RUNS_PER_BATCH) {
      pending = 0;
      for (PreparedStatement s : statements) {
        s.executeBatch();
      }
    }
  }
}
