package dev.cairn.lineage.rocks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.Value;
import java.util.Map;

/** What the store needs to know about one of MLMD's three node messages. */
abstract class NodeKind<T extends Message> {
  final String label;
  final byte tag;
  final Cf cf;
  final TypeKind<?> typeKind;

  private NodeKind(String label, byte tag, Cf cf, TypeKind<?> typeKind) {
    this.label = label;
    this.tag = tag;
    this.cf = cf;
    this.typeKind = typeKind;
  }

  abstract T parse(byte[] bytes) throws InvalidProtocolBufferException;

  abstract boolean hasId(T node);

  abstract long id(T node);

  abstract boolean hasTypeId(T node);

  abstract long typeId(T node);

  abstract boolean hasName(T node);

  abstract String name(T node);

  abstract boolean hasExternalId(T node);

  abstract String externalId(T node);

  abstract Map<String, Value> properties(T node);

  abstract Map<String, Value> customProperties(T node);

  abstract long createTime(T node);

  /** The node as stored: ids, type name, name, external id (when not null) and times set. */
  abstract T stamp(
      T node,
      long id,
      long typeId,
      String typeName,
      String name,
      String externalId,
      long created,
      long updated);

  /** Fills fields an update leaves out from the stored node; checks kind-specific rules. */
  T carryOver(String what, T node, T stored) {
    return node;
  }

  /** MLMD requires a name on contexts only. */
  boolean requiresName() {
    return false;
  }

  static final NodeKind<Artifact> ARTIFACT =
      new NodeKind<>("artifact", (byte) 'a', Cf.ARTIFACTS, TypeKind.ARTIFACT) {
        Artifact parse(byte[] b) throws InvalidProtocolBufferException {
          return Artifact.parseFrom(b);
        }

        boolean hasId(Artifact n) {
          return n.hasId();
        }

        long id(Artifact n) {
          return n.getId();
        }

        boolean hasTypeId(Artifact n) {
          return n.hasTypeId();
        }

        long typeId(Artifact n) {
          return n.getTypeId();
        }

        boolean hasName(Artifact n) {
          return n.hasName();
        }

        String name(Artifact n) {
          return n.getName();
        }

        boolean hasExternalId(Artifact n) {
          return n.hasExternalId();
        }

        String externalId(Artifact n) {
          return n.getExternalId();
        }

        Map<String, Value> properties(Artifact n) {
          return n.getPropertiesMap();
        }

        Map<String, Value> customProperties(Artifact n) {
          return n.getCustomPropertiesMap();
        }

        long createTime(Artifact n) {
          return n.getCreateTimeSinceEpoch();
        }

        Artifact stamp(
            Artifact n,
            long id,
            long typeId,
            String type,
            String name,
            String ext,
            long c,
            long u) {
          Artifact.Builder b = n.toBuilder().setId(id).setTypeId(typeId).setType(type);
          if (name != null) {
            b.setName(name);
          }
          if (ext != null) {
            b.setExternalId(ext);
          }
          return b.setCreateTimeSinceEpoch(c).setLastUpdateTimeSinceEpoch(u).build();
        }

        /** A missing uri keeps the stored one; a snapshot artifact's uri never changes. */
        @Override
        Artifact carryOver(String what, Artifact n, Artifact stored) {
          if (stored == null || !stored.hasUri()) {
            return n;
          }
          if (!n.hasUri()) {
            return n.toBuilder().setUri(stored.getUri()).build();
          }
          if (stored.getUri().startsWith(LineageStore.SNAPSHOT_URI_PREFIX)
              && !stored.getUri().equals(n.getUri())) {
            throw new LineageException.InvalidArgument(
                String.format(
                    "Cannot update %s: its uri %s names an immutable snapshot and cannot become %s",
                    what, stored.getUri(), n.getUri()));
          }
          return n;
        }
      };

  static final NodeKind<Execution> EXECUTION =
      new NodeKind<>("execution", (byte) 'e', Cf.EXECUTIONS, TypeKind.EXECUTION) {
        Execution parse(byte[] b) throws InvalidProtocolBufferException {
          return Execution.parseFrom(b);
        }

        boolean hasId(Execution n) {
          return n.hasId();
        }

        long id(Execution n) {
          return n.getId();
        }

        boolean hasTypeId(Execution n) {
          return n.hasTypeId();
        }

        long typeId(Execution n) {
          return n.getTypeId();
        }

        boolean hasName(Execution n) {
          return n.hasName();
        }

        String name(Execution n) {
          return n.getName();
        }

        boolean hasExternalId(Execution n) {
          return n.hasExternalId();
        }

        String externalId(Execution n) {
          return n.getExternalId();
        }

        Map<String, Value> properties(Execution n) {
          return n.getPropertiesMap();
        }

        Map<String, Value> customProperties(Execution n) {
          return n.getCustomPropertiesMap();
        }

        long createTime(Execution n) {
          return n.getCreateTimeSinceEpoch();
        }

        Execution stamp(
            Execution n,
            long id,
            long typeId,
            String type,
            String name,
            String ext,
            long c,
            long u) {
          Execution.Builder b = n.toBuilder().setId(id).setTypeId(typeId).setType(type);
          if (name != null) {
            b.setName(name);
          }
          if (ext != null) {
            b.setExternalId(ext);
          }
          return b.setCreateTimeSinceEpoch(c).setLastUpdateTimeSinceEpoch(u).build();
        }
      };

  static final NodeKind<Context> CONTEXT =
      new NodeKind<>("context", (byte) 'c', Cf.CONTEXTS, TypeKind.CONTEXT) {
        Context parse(byte[] b) throws InvalidProtocolBufferException {
          return Context.parseFrom(b);
        }

        boolean hasId(Context n) {
          return n.hasId();
        }

        long id(Context n) {
          return n.getId();
        }

        boolean hasTypeId(Context n) {
          return n.hasTypeId();
        }

        long typeId(Context n) {
          return n.getTypeId();
        }

        boolean hasName(Context n) {
          return n.hasName();
        }

        String name(Context n) {
          return n.getName();
        }

        boolean hasExternalId(Context n) {
          return n.hasExternalId();
        }

        String externalId(Context n) {
          return n.getExternalId();
        }

        Map<String, Value> properties(Context n) {
          return n.getPropertiesMap();
        }

        Map<String, Value> customProperties(Context n) {
          return n.getCustomPropertiesMap();
        }

        long createTime(Context n) {
          return n.getCreateTimeSinceEpoch();
        }

        Context stamp(
            Context n, long id, long typeId, String type, String name, String ext, long c, long u) {
          Context.Builder b = n.toBuilder().setId(id).setTypeId(typeId).setType(type);
          if (name != null) {
            b.setName(name);
          }
          if (ext != null) {
            b.setExternalId(ext);
          }
          return b.setCreateTimeSinceEpoch(c).setLastUpdateTimeSinceEpoch(u).build();
        }

        @Override
        boolean requiresName() {
          return true;
        }
      };
}
