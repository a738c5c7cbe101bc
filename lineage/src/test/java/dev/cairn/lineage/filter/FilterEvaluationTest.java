package dev.cairn.lineage.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.lineage.mlmd.Artifact;
import dev.cairn.lineage.mlmd.Context;
import dev.cairn.lineage.mlmd.Event;
import dev.cairn.lineage.mlmd.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Semantics on in-memory nodes: NULLs, join aliases, LIKE, numeric kinds. */
class FilterEvaluationTest {
  private static final Artifact BARE = Artifact.newBuilder().setId(1).setType("Dataset").build();
  private static final Artifact FULL =
      Artifact.newBuilder()
          .setId(2)
          .setType("Dataset")
          .setName("train_50%")
          .setUri("cairn:snapshot/abc")
          .setState(Artifact.State.LIVE)
          .putProperties("rows", Value.newBuilder().setIntValue(10).build())
          .putCustomProperties("score", Value.newBuilder().setDoubleValue(0.5).build())
          .putCustomProperties("ok", Value.newBuilder().setBoolValue(true).build())
          .build();

  private static final Context RUN1 = context(11, "Run", "run-1");
  private static final Context RUN2 = context(12, "Run", "run-2");
  private static final Context PIPE = context(13, "Pipeline", "run-1");

  private static Context context(long id, String type, String name) {
    return Context.newBuilder().setId(id).setType(type).setName(name).build();
  }

  private static boolean test(String query, Artifact a, Context... contexts) {
    List<FilterNode> related =
        List.of(contexts).stream().map(c -> FilterNodes.context(c, Neighbors.NONE)).toList();
    Neighbors neighbors = r -> r == Relation.CONTEXTS ? related : List.of();
    return Filter.compile(Target.ARTIFACT, query).test(FilterNodes.artifact(a, neighbors));
  }

  @Test
  void missingValuesAreNullNotFalse() {
    assertThat(test("name = 'x'", BARE)).isFalse();
    assertThat(test("name != 'x'", BARE)).isFalse();
    assertThat(test("NOT name = 'x'", BARE)).isFalse();
    assertThat(test("name IS NULL", BARE)).isTrue();
    assertThat(test("name IS NOT NULL", BARE)).isFalse();
    assertThat(test("state IS NULL AND uri IS NULL", BARE)).isTrue();
    assertThat(test("name NOT IN ('x')", BARE)).isFalse();
    assertThat(test("name NOT LIKE 'x%'", BARE)).isFalse();
  }

  @Test
  void unknownFollowsKleeneLogic() {
    assertThat(test("name = 'x' OR id = 1", BARE)).isTrue();
    assertThat(test("name = 'x' OR id = 2", BARE)).isFalse();
    assertThat(test("NOT (name = 'x' AND id = 2)", BARE)).isTrue();
    assertThat(test("NOT (name = 'x' AND id = 1)", BARE)).isFalse();
  }

  @Test
  void propertyOfAnotherKindIsNull() {
    assertThat(test("properties.rows.int_value = 10", FULL)).isTrue();
    assertThat(test("properties.rows.string_value IS NULL", FULL)).isTrue();
    assertThat(test("properties.rows.double_value = 10", FULL)).isFalse();
    assertThat(test("custom_properties.rows.int_value IS NULL", FULL)).isTrue();
    assertThat(test("custom_properties.ok.bool_value = TRUE", FULL)).isTrue();
    assertThat(test("custom_properties.ok.bool_value != TRUE", FULL)).isFalse();
  }

  @Test
  void integersAndDecimalsCompareAsNumbers() {
    assertThat(test("properties.rows.int_value > 9.5", FULL)).isTrue();
    assertThat(test("properties.rows.int_value IN (10.0)", FULL)).isTrue();
    assertThat(test("custom_properties.score.double_value < 1", FULL)).isTrue();
    assertThat(test("custom_properties.score.double_value = 0.5", FULL)).isTrue();
    assertThat(test("id >= -1 AND id <= 2 AND id != 3", FULL)).isTrue();
  }

  @Test
  void likeMatchesWholeValueWithWildcardsAndEscapes() {
    assertThat(test("name LIKE 'train%'", FULL)).isTrue();
    assertThat(test("name LIKE 'train'", FULL)).isFalse();
    assertThat(test("name LIKE 'tr_in_50_'", FULL)).isTrue();
    assertThat(test("name LIKE '%50\\\\%'", FULL)).isTrue();
    assertThat(test("name LIKE '%5\\\\%'", FULL)).isFalse();
    assertThat(test("name LIKE 'TRAIN%'", FULL)).isFalse();
    assertThat(test("uri LIKE 'cairn:snapshot/%' AND uri NOT LIKE '%.x'", FULL)).isTrue();
    assertThat(test("name LIKE '.*'", FULL)).isFalse();
  }

  @Test
  void enumsCompareByConstant() {
    assertThat(test("state = LIVE", FULL)).isTrue();
    assertThat(test("state IN (PENDING, DELETED)", FULL)).isFalse();
    assertThat(test("state != LIVE", FULL)).isFalse();
  }

  @Test
  void oneAliasBindsOneContextForTheWholeExpression() {
    // run-1 is a Pipeline here and run-2 is a Run: no single context is a Run named run-1.
    assertThat(test("contexts_a.name = 'run-1' AND contexts_a.type = 'Run'", FULL, PIPE, RUN2))
        .isFalse();
    assertThat(test("contexts_a.name = 'run-1' AND contexts_b.type = 'Run'", FULL, PIPE, RUN2))
        .isTrue();
    assertThat(test("contexts_a.name = 'run-1' AND contexts_a.type = 'Run'", FULL, PIPE, RUN1))
        .isTrue();
  }

  @Test
  void twoAliasesMayBindTheSameOrDifferentContexts() {
    assertThat(test("contexts_a.name = 'run-1' AND contexts_b.name = 'run-2'", FULL, RUN1, RUN2))
        .isTrue();
    assertThat(test("contexts_a.name = 'run-1' AND contexts_b.name = 'run-1'", FULL, RUN1))
        .isTrue();
    assertThat(test("contexts_a.name = 'run-1' AND contexts_b.name = 'run-2'", FULL, RUN1))
        .isFalse();
  }

  @Test
  void anAliasNeedsANeighbourEvenUnderOrAndNot() {
    // An inner join: a node without contexts has no row to test, whatever the expression.
    assertThat(test("contexts_a.name = 'x' OR id = 2", FULL)).isFalse();
    assertThat(test("contexts_a.name = 'x' OR id = 2", FULL, RUN1)).isTrue();
    assertThat(test("NOT contexts_a.name = 'x'", FULL)).isFalse();
    assertThat(test("NOT contexts_a.name = 'x'", FULL, RUN1)).isTrue();
  }

  @Test
  void negatedAliasConditionIsExistentialNotUniversal() {
    // "has a context not named run-1", not "has no context named run-1".
    assertThat(test("contexts_a.name != 'run-1'", FULL, RUN1, RUN2)).isTrue();
    assertThat(test("contexts_a.name != 'run-1'", FULL, RUN1)).isFalse();
  }

  @Test
  void eventsJoinLikeContexts() {
    Event input = Event.newBuilder().setExecutionId(7).setType(Event.Type.INPUT).build();
    Event output = Event.newBuilder().setExecutionId(8).setType(Event.Type.OUTPUT).build();
    List<FilterNode> events = List.of(FilterNodes.event(input), FilterNodes.event(output));
    FilterNode node = FilterNodes.artifact(FULL, r -> r == Relation.EVENTS ? events : List.of());
    assertThat(
            Filter.compile(Target.ARTIFACT, "events_e.type = OUTPUT AND events_e.execution_id = 8")
                .test(node))
        .isTrue();
    assertThat(
            Filter.compile(Target.ARTIFACT, "events_e.type = OUTPUT AND events_e.execution_id = 7")
                .test(node))
        .isFalse();
    assertThat(
            Filter.compile(Target.ARTIFACT, "events_e.milliseconds_since_epoch IS NULL").test(node))
        .isTrue();
  }

  @Test
  void neighboursAreNotReadWhenTheNodeAloneFails() {
    Neighbors failing =
        r -> {
          throw new AssertionError("neighbours read for " + r);
        };
    Filter f = Filter.compile(Target.ARTIFACT, "id = 99 AND contexts_a.name = 'run-1'");
    assertThat(f.test(FilterNodes.artifact(FULL, failing))).isFalse();
  }
}
