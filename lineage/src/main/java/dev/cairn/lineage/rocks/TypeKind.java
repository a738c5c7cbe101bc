package dev.cairn.lineage.rocks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.lineage.mlmd.ContextType;
import dev.cairn.lineage.mlmd.ExecutionType;
import dev.cairn.lineage.mlmd.PropertyType;
import java.util.Map;

/** What the store needs to know about one of MLMD's three type messages. */
abstract class TypeKind<T extends Message> {
  final String label;
  final byte tag;
  final Cf cf;

  private TypeKind(String label, byte tag, Cf cf) {
    this.label = label;
    this.tag = tag;
    this.cf = cf;
  }

  abstract T parse(byte[] bytes) throws InvalidProtocolBufferException;

  abstract boolean hasId(T type);

  abstract long id(T type);

  abstract String name(T type);

  abstract String version(T type);

  abstract boolean hasExternalId(T type);

  abstract String externalId(T type);

  abstract Map<String, PropertyType> properties(T type);

  abstract T withId(T type, long id);

  abstract T withProperties(T type, Map<String, PropertyType> properties);

  static final TypeKind<ArtifactType> ARTIFACT =
      new TypeKind<>("artifact type", (byte) 'A', Cf.ARTIFACT_TYPES) {
        ArtifactType parse(byte[] b) throws InvalidProtocolBufferException {
          return ArtifactType.parseFrom(b);
        }

        boolean hasId(ArtifactType t) {
          return t.hasId();
        }

        long id(ArtifactType t) {
          return t.getId();
        }

        String name(ArtifactType t) {
          return t.getName();
        }

        String version(ArtifactType t) {
          return t.getVersion();
        }

        boolean hasExternalId(ArtifactType t) {
          return t.hasExternalId();
        }

        String externalId(ArtifactType t) {
          return t.getExternalId();
        }

        Map<String, PropertyType> properties(ArtifactType t) {
          return t.getPropertiesMap();
        }

        ArtifactType withId(ArtifactType t, long id) {
          return t.toBuilder().setId(id).build();
        }

        ArtifactType withProperties(ArtifactType t, Map<String, PropertyType> p) {
          return t.toBuilder().clearProperties().putAllProperties(p).build();
        }
      };

  static final TypeKind<ExecutionType> EXECUTION =
      new TypeKind<>("execution type", (byte) 'E', Cf.EXECUTION_TYPES) {
        ExecutionType parse(byte[] b) throws InvalidProtocolBufferException {
          return ExecutionType.parseFrom(b);
        }

        boolean hasId(ExecutionType t) {
          return t.hasId();
        }

        long id(ExecutionType t) {
          return t.getId();
        }

        String name(ExecutionType t) {
          return t.getName();
        }

        String version(ExecutionType t) {
          return t.getVersion();
        }

        boolean hasExternalId(ExecutionType t) {
          return t.hasExternalId();
        }

        String externalId(ExecutionType t) {
          return t.getExternalId();
        }

        Map<String, PropertyType> properties(ExecutionType t) {
          return t.getPropertiesMap();
        }

        ExecutionType withId(ExecutionType t, long id) {
          return t.toBuilder().setId(id).build();
        }

        ExecutionType withProperties(ExecutionType t, Map<String, PropertyType> p) {
          return t.toBuilder().clearProperties().putAllProperties(p).build();
        }
      };

  static final TypeKind<ContextType> CONTEXT =
      new TypeKind<>("context type", (byte) 'C', Cf.CONTEXT_TYPES) {
        ContextType parse(byte[] b) throws InvalidProtocolBufferException {
          return ContextType.parseFrom(b);
        }

        boolean hasId(ContextType t) {
          return t.hasId();
        }

        long id(ContextType t) {
          return t.getId();
        }

        String name(ContextType t) {
          return t.getName();
        }

        String version(ContextType t) {
          return t.getVersion();
        }

        boolean hasExternalId(ContextType t) {
          return t.hasExternalId();
        }

        String externalId(ContextType t) {
          return t.getExternalId();
        }

        Map<String, PropertyType> properties(ContextType t) {
          return t.getPropertiesMap();
        }

        ContextType withId(ContextType t, long id) {
          return t.toBuilder().setId(id).build();
        }

        ContextType withProperties(ContextType t, Map<String, PropertyType> p) {
          return t.toBuilder().clearProperties().putAllProperties(p).build();
        }
      };
}
