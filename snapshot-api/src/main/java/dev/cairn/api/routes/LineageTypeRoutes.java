package dev.cairn.api.routes;

import com.google.protobuf.Message;
import dev.cairn.api.ApiException;
import dev.cairn.api.Call;
import dev.cairn.api.Reply;
import dev.cairn.api.Route;
import dev.cairn.api.Route.Access;
import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.lineage.mlmd.ContextType;
import dev.cairn.lineage.mlmd.ExecutionType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Artifact, execution and context types: put (MLMD's PutArtifactType and kin, with its upsert
 * flags), get by name and version, list.
 */
final class LineageTypeRoutes {
  /** What the routes need of one kind of type, bound to the store. */
  private record Kind<T extends Message>(
      String name,
      Supplier<Message.Builder> builder,
      Put<T> put,
      Find<T> find,
      BiFunction<String, Collection<Long>, List<T>> byIds,
      Function<String, List<T>> all) {
    /** "artifact-types". */
    String path() {
      return name + "-types";
    }

    /** "artifact_type", the request field. */
    String field() {
      return name + "_type";
    }

    /** "ArtifactType", for operation ids. */
    String title() {
      return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Type";
    }
  }

  @FunctionalInterface
  private interface Put<T> {
    long put(String namespace, T type, TypeUpsert upsert);
  }

  @FunctionalInterface
  private interface Find<T> {
    Optional<T> find(String namespace, String name, String version);
  }

  private final List<Kind<?>> kinds;

  LineageTypeRoutes(LineageStore store) {
    this.kinds =
        List.of(
            new Kind<ArtifactType>(
                "artifact",
                ArtifactType::newBuilder,
                store::putArtifactType,
                store::findArtifactType,
                store::getArtifactTypesByIds,
                store::getArtifactTypes),
            new Kind<ExecutionType>(
                "execution",
                ExecutionType::newBuilder,
                store::putExecutionType,
                store::findExecutionType,
                store::getExecutionTypesByIds,
                store::getExecutionTypes),
            new Kind<ContextType>(
                "context",
                ContextType::newBuilder,
                store::putContextType,
                store::findContextType,
                store::getContextTypesByIds,
                store::getContextTypes));
  }

  List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (Kind<?> kind : kinds) {
      routes.addAll(routes(kind));
    }
    return routes;
  }

  private <T extends Message> List<Route> routes(Kind<T> kind) {
    String path = LineageRoutes.BASE + "/" + kind.path();
    return List.of(
        Route.post(
            path,
            Access.WRITE,
            "put" + kind.title(),
            "Create a "
                + kind.name()
                + " type or merge it into the stored one (MLMD's Put"
                + kind.title()
                + "): {"
                + kind.field()
                + ", can_add_fields?, can_omit_fields?} -> {type_id}",
            call -> put(call, kind)),
        Route.get(
                path,
                Access.READ,
                "list" + kind.title() + "s",
                "The namespace's " + kind.name() + " types, or those named by id or name",
                call -> list(call, kind))
            .withQuery("id", "integer", "Only these types (repeatable)")
            .withQuery("name", "string", "Only the type of this name")
            .withQuery("version", "string", "With name: the type of this version"),
        Route.get(
                path + "/{name}",
                Access.READ,
                "get" + kind.title(),
                "A " + kind.name() + " type by name",
                call -> get(call, kind))
            .withQuery("version", "string", "The type's version (default: unversioned)"));
  }

  private <T extends Message> Reply put(Call call, Kind<T> kind) {
    LineageBody body =
        new LineageBody(call.bodyTree(kind.field(), "can_add_fields", "can_omit_fields"));
    T type = body.message(kind.field(), kind.builder());
    TypeUpsert upsert =
        new TypeUpsert(body.bool("can_add_fields", false), body.bool("can_omit_fields", false));
    return Reply.ok(Map.of("type_id", kind.put().put(call.namespace(), type, upsert)));
  }

  private <T extends Message> Reply list(Call call, Kind<T> kind) {
    String ns = call.namespace();
    Optional<String> name = call.query("name");
    boolean byIds = call.query("id").isPresent();
    if (byIds && name.isPresent()) {
      throw ApiException.badRequest(
          "Cannot list " + kind.name() + " types: give either id or name, not both");
    }
    if (call.query("version").isPresent() && name.isEmpty()) {
      throw ApiException.badRequest("Cannot list " + kind.name() + " types: version needs a name");
    }
    List<T> types =
        byIds
            ? kind.byIds().apply(ns, LineageParams.ids(call, "id", kind.name() + " type"))
            : name.isPresent()
                ? kind.find().find(ns, name.get(), call.query("version").orElse("")).stream()
                    .toList()
                : kind.all().apply(ns);
    return Reply.ok(Map.of(kind.field() + "s", types));
  }

  private <T extends Message> Reply get(Call call, Kind<T> kind) {
    String name = call.path("name");
    String version = call.query("version").orElse("");
    return Reply.ok(
        kind.find()
            .find(call.namespace(), name, version)
            .orElseThrow(
                () ->
                    new LineageException.NotFound(
                        "Cannot get "
                            + kind.name()
                            + " type '"
                            + name
                            + "'"
                            + (version.isEmpty() ? "" : " version '" + version + "'")
                            + ": it does not exist in namespace "
                            + call.namespace())));
  }
}
