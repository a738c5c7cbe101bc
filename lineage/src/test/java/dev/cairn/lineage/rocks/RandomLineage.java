package dev.cairn.lineage.rocks;

import dev.cairn.lineage.LineageStore;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.lineage.mlmd.Association;
import dev.cairn.lineage.mlmd.Attribution;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.ContextType;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Execution;
import dev.cairn.lineage.mlmd.ExecutionType;
import dev.cairn.lineage.mlmd.ParentContext;
import dev.cairn.lineage.mlmd.PropertyType;
import dev.cairn.lineage.mlmd.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random lineage graph in one namespace: artifacts of three types (one of them a second version
 * of Dataset) with random names, uris, states, properties and custom properties; executions with
 * events; Run and Pipeline contexts (a Pipeline shares a Run's name) with parent links; random
 * attributions and associations; and a second write to some nodes so update times differ from
 * creation order. Same seed, same graph.
 */
final class RandomLineage {
  static final List<String> OWNERS = List.of("alice", "bob", "carol");
  static final List<String> RUNS = List.of("run-0", "run-1", "run-2", "run-3");
  static final List<String> PIPELINES = List.of("pipe-0", "run-1");

  final List<Long> artifacts = new ArrayList<>();
  final List<Long> executions = new ArrayList<>();
  final List<Long> contexts = new ArrayList<>();

  private final LineageStore store;
  private final String ns;
  private final Random random;

  private RandomLineage(LineageStore store, String ns, Random random) {
    this.store = store;
    this.ns = ns;
    this.random = random;
  }

  static RandomLineage build(LineageStore store, String ns, long seed, int artifactCount) {
    RandomLineage g = new RandomLineage(store, ns, new Random(seed));
    g.populate(artifactCount);
    return g;
  }

  private void populate(int artifactCount) {
    long dataset = store.putArtifactType(ns, dataset(""), TypeUpsert.exact());
    long datasetV2 = store.putArtifactType(ns, dataset("v2"), TypeUpsert.exact());
    long model =
        store.putArtifactType(
            ns,
            ArtifactType.newBuilder()
                .setName("Model")
                .putProperties("accuracy", PropertyType.DOUBLE)
                .build(),
            TypeUpsert.exact());
    long step =
        store.putExecutionType(
            ns,
            ExecutionType.newBuilder()
                .setName("Step")
                .putProperties("exit_code", PropertyType.INT)
                .build(),
            TypeUpsert.exact());
    long run =
        store.putContextType(
            ns, ContextType.newBuilder().setName("Run").build(), TypeUpsert.exact());
    long pipeline =
        store.putContextType(
            ns, ContextType.newBuilder().setName("Pipeline").build(), TypeUpsert.exact());

    List<Context> newContexts = new ArrayList<>();
    RUNS.forEach(n -> newContexts.add(context(run, n)));
    PIPELINES.forEach(n -> newContexts.add(context(pipeline, n)));
    contexts.addAll(store.putContexts(ns, newContexts));
    List<ParentContext> parents = new ArrayList<>();
    for (int i = 0; i < RUNS.size(); i++) {
      long parent = contexts.get(RUNS.size() + (i % PIPELINES.size()));
      parents.add(
          ParentContext.newBuilder().setChildId(contexts.get(i)).setParentId(parent).build());
    }
    store.putParentContexts(ns, parents);

    long[] artifactTypes = {dataset, datasetV2, model};
    for (int i = 0; i < artifactCount; i++) {
      long type = artifactTypes[random.nextInt(3)];
      artifacts.add(store.putArtifacts(ns, List.of(artifact(i, type, type == model))).get(0));
    }
    for (int i = 0; i < Math.max(2, artifactCount / 4); i++) {
      executions.add(store.putExecutions(ns, List.of(execution(i, step))).get(0));
    }
    // Touch a third of the nodes again so that update order differs from id order.
    for (long id : artifacts) {
      if (random.nextInt(3) == 0) {
        Artifact a = store.getArtifactsByIds(ns, List.of(id)).get(0);
        store.putArtifacts(
            ns, List.of(a.toBuilder().putCustomProperties("touched", bool(true)).build()));
      }
    }
    link();
  }

  private void link() {
    List<Attribution> attributions = new ArrayList<>();
    List<Association> associations = new ArrayList<>();
    for (long a : artifacts) {
      for (long c : some(contexts, 3)) {
        attributions.add(Attribution.newBuilder().setArtifactId(a).setContextId(c).build());
      }
    }
    for (long e : executions) {
      for (long c : some(contexts, 2)) {
        associations.add(Association.newBuilder().setExecutionId(e).setContextId(c).build());
      }
    }
    store.putAttributionsAndAssociations(ns, attributions, associations);
    List<Event> events = new ArrayList<>();
    for (long e : executions) {
      for (long a : some(artifacts, 4)) {
        Event.Type type = random.nextBoolean() ? Event.Type.INPUT : Event.Type.OUTPUT;
        events.add(Event.newBuilder().setArtifactId(a).setExecutionId(e).setType(type).build());
      }
    }
    store.putEvents(ns, events);
  }

  private Artifact artifact(int i, long type, boolean model) {
    Artifact.Builder b = Artifact.newBuilder().setTypeId(type);
    if (random.nextInt(10) < 7) {
      b.setName("a-" + i);
    }
    switch (random.nextInt(3)) {
      case 0 -> b.setUri("cairn:snapshot/" + i);
      case 1 -> b.setUri("s3://bucket/" + i);
      default -> {}
    }
    if (random.nextInt(4) > 0) {
      b.setState(Artifact.State.forNumber(random.nextInt(7)));
    }
    if (random.nextInt(5) == 0) {
      b.setExternalId("ext-" + i);
    }
    if (model) {
      if (random.nextBoolean()) {
        b.putProperties("accuracy", dbl(random.nextInt(11) / 10.0));
      }
    } else {
      if (random.nextBoolean()) {
        b.putProperties("rows", integer(random.nextInt(20)));
      }
      if (random.nextBoolean()) {
        b.putProperties("split", str(random.nextBoolean() ? "train" : "eval"));
      }
    }
    if (random.nextBoolean()) {
      b.putCustomProperties("owner", str(OWNERS.get(random.nextInt(3))));
    }
    if (random.nextBoolean()) {
      b.putCustomProperties("epochs", integer(random.nextInt(6)));
    }
    if (random.nextBoolean()) {
      b.putCustomProperties("score", dbl(random.nextInt(9) / 4.0));
    }
    if (random.nextBoolean()) {
      b.putCustomProperties("flag", bool(random.nextBoolean()));
    }
    if (random.nextInt(4) == 0) {
      b.putCustomProperties("odd key:x", str("v" + random.nextInt(3)));
    }
    if (random.nextInt(6) == 0) {
      // Same name, another kind: a filter on epochs.int_value must read it as NULL.
      b.putCustomProperties("epochs", str("many"));
    }
    return b.build();
  }

  private Execution execution(int i, long type) {
    Execution.Builder b = Execution.newBuilder().setTypeId(type).setName("e-" + i);
    if (random.nextInt(4) > 0) {
      b.setLastKnownState(Execution.State.forNumber(random.nextInt(7)));
    }
    if (random.nextBoolean()) {
      b.putProperties("exit_code", integer(random.nextInt(3)));
    }
    return b.build();
  }

  private List<Long> some(List<Long> from, int atMost) {
    List<Long> out = new ArrayList<>();
    int n = random.nextInt(atMost + 1);
    for (int i = 0; i < n; i++) {
      long id = from.get(random.nextInt(from.size()));
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  private static ArtifactType dataset(String version) {
    return ArtifactType.newBuilder()
        .setName("Dataset")
        .setVersion(version)
        .putProperties("rows", PropertyType.INT)
        .putProperties("split", PropertyType.STRING)
        .build();
  }

  private static Context context(long type, String name) {
    return Context.newBuilder().setTypeId(type).setName(name).build();
  }

  static Value integer(long v) {
    return Value.newBuilder().setIntValue(v).build();
  }

  static Value dbl(double v) {
    return Value.newBuilder().setDoubleValue(v).build();
  }

  static Value str(String v) {
    return Value.newBuilder().setStringValue(v).build();
  }

  static Value bool(boolean v) {
    return Value.newBuilder().setBoolValue(v).build();
  }
}
