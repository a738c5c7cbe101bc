package dev.cairn.perf.lineage;

import java.util.List;

/**
 * ML Metadata's SQLite tables and secondary indexes (schema version 10, as MLMD's SQLite metadata
 * source creates them), so the baseline pays for the same uniqueness constraints and indexes a real
 * MLMD database maintains.
 */
final class MlmdSqliteSchema {
  private MlmdSqliteSchema() {}

  static final int SCHEMA_VERSION = 10;

  private static final String PROPERTY_COLUMNS =
      "name VARCHAR(255) NOT NULL, is_custom_property TINYINT(1) NOT NULL, int_value INT,"
          + " double_value DOUBLE, string_value TEXT, byte_value BLOB, proto_value BLOB,"
          + " bool_value BOOLEAN";

  static final List<String> TABLES =
      List.of(
          "CREATE TABLE Type (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(255) NOT NULL,"
              + " version VARCHAR(255), type_kind TINYINT(1) NOT NULL, description TEXT,"
              + " input_type TEXT, output_type TEXT, external_id VARCHAR(255) UNIQUE)",
          "CREATE TABLE ParentType (type_id INT NOT NULL, parent_type_id INT NOT NULL,"
              + " PRIMARY KEY (type_id, parent_type_id))",
          "CREATE TABLE TypeProperty (type_id INT NOT NULL, name VARCHAR(255) NOT NULL,"
              + " data_type INT NULL, PRIMARY KEY (type_id, name))",
          "CREATE TABLE Artifact (id INTEGER PRIMARY KEY AUTOINCREMENT, type_id INT NOT NULL,"
              + " uri TEXT, state INT, name VARCHAR(255), external_id VARCHAR(255) UNIQUE,"
              + " create_time_since_epoch INT NOT NULL DEFAULT 0,"
              + " last_update_time_since_epoch INT NOT NULL DEFAULT 0, UNIQUE (type_id, name))",
          "CREATE TABLE ArtifactProperty (artifact_id INT NOT NULL, "
              + PROPERTY_COLUMNS
              + ", PRIMARY KEY (artifact_id, name, is_custom_property))",
          "CREATE TABLE Execution (id INTEGER PRIMARY KEY AUTOINCREMENT, type_id INT NOT NULL,"
              + " last_known_state INT, name VARCHAR(255), external_id VARCHAR(255) UNIQUE,"
              + " create_time_since_epoch INT NOT NULL DEFAULT 0,"
              + " last_update_time_since_epoch INT NOT NULL DEFAULT 0, UNIQUE (type_id, name))",
          "CREATE TABLE ExecutionProperty (execution_id INT NOT NULL, "
              + PROPERTY_COLUMNS
              + ", PRIMARY KEY (execution_id, name, is_custom_property))",
          "CREATE TABLE Context (id INTEGER PRIMARY KEY AUTOINCREMENT, type_id INT NOT NULL,"
              + " name VARCHAR(255) NOT NULL, external_id VARCHAR(255) UNIQUE,"
              + " create_time_since_epoch INT NOT NULL DEFAULT 0,"
              + " last_update_time_since_epoch INT NOT NULL DEFAULT 0, UNIQUE (type_id, name))",
          "CREATE TABLE ContextProperty (context_id INT NOT NULL, "
              + PROPERTY_COLUMNS
              + ", PRIMARY KEY (context_id, name, is_custom_property))",
          "CREATE TABLE ParentContext (context_id INT NOT NULL, parent_context_id INT NOT NULL,"
              + " PRIMARY KEY (context_id, parent_context_id))",
          "CREATE TABLE Event (id INTEGER PRIMARY KEY AUTOINCREMENT, artifact_id INT NOT NULL,"
              + " execution_id INT NOT NULL, type INT NOT NULL, milliseconds_since_epoch INT,"
              + " UNIQUE (artifact_id, execution_id, type))",
          "CREATE TABLE EventPath (event_id INT NOT NULL, is_index_step TINYINT(1) NOT NULL,"
              + " step_index INT, step_key TEXT)",
          "CREATE TABLE Association (id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " context_id INT NOT NULL, execution_id INT NOT NULL,"
              + " UNIQUE (context_id, execution_id))",
          "CREATE TABLE Attribution (id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " context_id INT NOT NULL, artifact_id INT NOT NULL,"
              + " UNIQUE (context_id, artifact_id))",
          "CREATE TABLE MLMDEnv (schema_version INTEGER PRIMARY KEY)");

  static final List<String> INDEXES =
      List.of(
          "CREATE INDEX idx_artifact_uri ON Artifact (uri)",
          "CREATE INDEX idx_artifact_create_time_since_epoch"
              + " ON Artifact (create_time_since_epoch)",
          "CREATE INDEX idx_artifact_last_update_time_since_epoch"
              + " ON Artifact (last_update_time_since_epoch)",
          "CREATE INDEX idx_event_execution_id ON Event (execution_id)",
          "CREATE INDEX idx_parentcontext_parent_context_id ON ParentContext (parent_context_id)",
          "CREATE INDEX idx_type_name ON Type (name)",
          "CREATE INDEX idx_execution_create_time_since_epoch"
              + " ON Execution (create_time_since_epoch)",
          "CREATE INDEX idx_execution_last_update_time_since_epoch"
              + " ON Execution (last_update_time_since_epoch)",
          "CREATE INDEX idx_context_create_time_since_epoch ON Context (create_time_since_epoch)",
          "CREATE INDEX idx_context_last_update_time_since_epoch"
              + " ON Context (last_update_time_since_epoch)",
          "CREATE INDEX idx_eventpath_event_id ON EventPath (event_id)",
          propertyIndex("artifact", "ArtifactProperty", "int"),
          propertyIndex("artifact", "ArtifactProperty", "double"),
          propertyIndex("artifact", "ArtifactProperty", "string"),
          propertyIndex("execution", "ExecutionProperty", "int"),
          propertyIndex("execution", "ExecutionProperty", "double"),
          propertyIndex("execution", "ExecutionProperty", "string"),
          propertyIndex("context", "ContextProperty", "int"),
          propertyIndex("context", "ContextProperty", "double"),
          propertyIndex("context", "ContextProperty", "string"),
          "CREATE INDEX idx_type_external_id ON Type (external_id)",
          "CREATE INDEX idx_artifact_external_id ON Artifact (external_id)",
          "CREATE INDEX idx_execution_external_id ON Execution (external_id)",
          "CREATE INDEX idx_context_external_id ON Context (external_id)");

  /** MLMD's partial indexes for filtering nodes by property value. */
  private static String propertyIndex(String kind, String table, String valueType) {
    return String.format(
        "CREATE INDEX idx_%s_property_%s ON %s (name, is_custom_property, %s_value)"
            + " WHERE %s_value IS NOT NULL",
        kind, valueType, table, valueType, valueType);
  }
}
