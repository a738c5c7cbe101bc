package dev.cairn.lineage.rocks;

import java.nio.charset.StandardCharsets;
import org.rocksdb.RocksDB;

/** The column families of a lineage store. Every key starts with its namespace (see Keys). */
enum Cf {
  /** Id counters, one per kind of entity, shared by all namespaces. */
  META(RocksDB.DEFAULT_COLUMN_FAMILY),
  ARTIFACT_TYPES("artifact_types"),
  EXECUTION_TYPES("execution_types"),
  CONTEXT_TYPES("context_types"),
  ARTIFACTS("artifacts"),
  EXECUTIONS("executions"),
  CONTEXTS("contexts"),
  /** (kind, type name, version) to type id. */
  TYPE_NAMES("type_names"),
  /** (kind, type id, node name) to node id. */
  NODE_NAMES("node_names"),
  /** (kind, external id) to id, for types and nodes. */
  EXTERNAL_IDS("external_ids"),
  /** (kind, type id, node id), empty values. */
  NODES_BY_TYPE("nodes_by_type"),
  /** (uri, artifact id), empty values. */
  ARTIFACT_URIS("artifact_uris"),
  /**
   * (artifact, side, type, execution) and (execution, side, type, artifact) to the Event, where the
   * side byte separates output-like from input-like types (see Keys#event).
   */
  EVENTS("events"),
  /** (context, artifact) and (artifact, context) to the Attribution. */
  ATTRIBUTIONS("attributions"),
  /** (context, execution) and (execution, context) to the Association. */
  ASSOCIATIONS("associations"),
  /** (child, parent) and (parent, child) to the ParentContext. */
  PARENT_CONTEXTS("parent_contexts"),
  /** (context, artifact name) to the artifact id: artifact names are unique within a context. */
  CONTEXT_ARTIFACT_NAMES("context_artifact_names");

  final byte[] rocksName;

  Cf(String name) {
    this(name.getBytes(StandardCharsets.UTF_8));
  }

  Cf(byte[] rocksName) {
    this.rocksName = rocksName;
  }
}
