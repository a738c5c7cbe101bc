package dev.cairn.lineage.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.lineage.LineageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterParserTest {
  private static String artifact(String query) {
    return ExprPrinter.print(Filter.compile(Target.ARTIFACT, query).expr());
  }

  private static String execution(String query) {
    return ExprPrinter.print(Filter.compile(Target.EXECUTION, query).expr());
  }

  private static String context(String query) {
    return ExprPrinter.print(Filter.compile(Target.CONTEXT, query).expr());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "id = 1                                   | (= id 1)",
        "id != 1                                  | (!= id 1)",
        "id <> 1                                  | (!= id 1)",
        "id < -3                                  | (< id -3)",
        "id <= 3                                  | (<= id 3)",
        "id > 3                                   | (> id 3)",
        "id >= 3                                  | (>= id 3)",
        "id IN (1, 3)                             | (IN id 1 3)",
        "id NOT IN (1)                            | (NOT-IN id 1)",
        "type_id = 7                              | (= type_id 7)",
        "type = 'Dataset'                         | (= type 'Dataset')",
        "type = \"Dataset\"                       | (= type 'Dataset')",
        "type IN ('A', \"B\")                     | (IN type 'A' 'B')",
        "type IS NOT NULL                         | (NOT-NULL type)",
        "name = 'a'                               | (= name 'a')",
        "name LIKE 'ab%_'                         | (LIKE name 'ab%_')",
        "name NOT LIKE 'x%'                       | (NOT-LIKE name 'x%')",
        "uri like 'cairn:%'                       | (LIKE uri 'cairn:%')",
        "uri IS NULL                              | (NULL uri)",
        "external_id = 'e-1'                      | (= external_id 'e-1')",
        "state = LIVE                             | (= state #LIVE)",
        "state IN (PENDING, LIVE)                 | (IN state #PENDING #LIVE)",
        "state IS NULL                            | (NULL state)",
        "create_time_since_epoch > 1626761453     | (> create_time 1626761453)",
        "last_update_time_since_epoch <= 5        | (<= last_update_time 5)",
        "properties.rows.int_value = 10           | (= prop:rows:int 10)",
        "properties.0.int_value = 1               | (= prop:0:int 1)",
        "properties.acc.double_value > 0.95       | (> prop:acc:double 0.95d)",
        "properties.acc.double_value > 1          | (> prop:acc:double 1)",
        "properties.acc.double_value < 1e-3       | (< prop:acc:double 0.001d)",
        "properties.split.string_value = 'train'  | (= prop:split:string 'train')",
        "properties.ok.bool_value = TRUE          | (= prop:ok:bool TRUE)",
        "properties.ok.bool_value != false        | (!= prop:ok:bool FALSE)",
        "custom_properties.`a:b c`.string_value = 'x' | (= custom:a:b c:string 'x')",
        "custom_properties.`a\\`b`.int_value IS NULL  | (NULL custom:a`b:int)",
        "custom_properties.owner.string_value IS NOT NULL | (NOT-NULL custom:owner:string)",
        "contexts_a.name = 'run-1'                | (= contexts_a.name 'run-1')",
        "contexts_0.id = 5                        | (= contexts_0.id 5)",
        "contexts_run_1.type = 'Run'              | (= contexts_run_1.type 'Run')",
        "contexts_a.create_time_since_epoch < 3   | (< contexts_a.create_time 3)",
        "events_0.type = INPUT                    | (= events_0.event_type #INPUT)",
        "events_0.execution_id = 4                | (= events_0.event_execution_id 4)",
        "events_x.milliseconds_since_epoch > 4    | (> events_x.event_time 4)",
      })
  void parsesEveryArtifactForm(String query, String expected) {
    assertThat(artifact(query.strip())).isEqualTo(expected.strip());
  }

  @Test
  void stringsTakeBackslashEscapes() {
    assertThat(artifact("name = 'it\\'s'")).isEqualTo("(= name 'it's')");
    assertThat(artifact("name = \"say \\\"hi\\\"\"")).isEqualTo("(= name 'say \"hi\"')");
    assertThat(artifact("name = 'a\\\\b'")).isEqualTo("(= name 'a\\b')");
  }

  @Test
  void parsesExecutionAndContextOnlyForms() {
    assertThat(execution("last_known_state NOT IN (FAILED, CANCELED)"))
        .isEqualTo("(NOT-IN last_known_state #FAILED #CANCELED)");
    assertThat(execution("events_a.artifact_id = 3")).isEqualTo("(= events_a.event_artifact_id 3)");
    assertThat(context("parent_contexts_p.name = 'pipe' AND child_contexts_c.type = 'Run'"))
        .isEqualTo("(AND (= parent_contexts_p.name 'pipe') (= child_contexts_c.type 'Run'))");
  }

  @Test
  void andBindsTighterThanOr() {
    assertThat(artifact("id = 1 OR id = 2 AND id = 3"))
        .isEqualTo("(OR (= id 1) (AND (= id 2) (= id 3)))");
    assertThat(artifact("id = 1 AND id = 2 OR id = 3"))
        .isEqualTo("(OR (AND (= id 1) (= id 2)) (= id 3))");
  }

  @Test
  void notBindsTighterThanAndAndNests() {
    assertThat(artifact("NOT id = 1 AND id = 2")).isEqualTo("(AND (NOT (= id 1)) (= id 2))");
    assertThat(artifact("NOT NOT id = 1")).isEqualTo("(NOT (NOT (= id 1)))");
    assertThat(artifact("NOT(create_time_since_epoch < 1 OR last_update_time_since_epoch < 1)"))
        .isEqualTo("(NOT (OR (< create_time 1) (< last_update_time 1)))");
  }

  @Test
  void parenthesesGroup() {
    assertThat(artifact("(id = 1 OR id = 2) AND id = 3"))
        .isEqualTo("(AND (OR (= id 1) (= id 2)) (= id 3))");
    assertThat(artifact("((id = 1))")).isEqualTo("(= id 1)");
  }

  @Test
  void keywordsAreCaseInsensitiveAndNamesAreNot() {
    assertThat(artifact("id = 1 and not id in (2) or name is not null"))
        .isEqualTo("(OR (AND (= id 1) (NOT (IN id 2))) (NOT-NULL name))");
    assertThatThrownBy(() -> artifact("ID = 1")).hasMessageContaining("unknown attribute 'ID'");
  }

  @Test
  void topLevelConjunctsAreFlattened() {
    Filter f = Filter.compile(Target.ARTIFACT, "(id = 1 AND id = 2) AND (id = 3 OR id = 4)");
    assertThat(f.conjuncts()).hasSize(3);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "~~                             | unexpected end of filter, expected a field name, NOT or '(' at column 1",
        "name = = 'a'                   | unexpected '=', expected a value at column 8",
        "name == 'a'                    | unexpected '==' (use '=') at column 6",
        "name = 'a' name = 'b'          | unexpected 'name', expected AND, OR or the end of the filter at column 12",
        "(name = 'a'                    | unexpected end of filter, expected ')' at column 12",
        "name = 'a')                    | unexpected ')', expected AND, OR or the end of the filter at column 11",
        "name = 'abc                    | unterminated string at column 8",
        "name # 'a'                     | unexpected character '#' at column 6",
        "name 'a'                       | unexpected string 'a', expected a comparison, IN, LIKE or IS at column 6",
        "name IS 'a'                    | unexpected string 'a', expected NULL at column 9",
        "name NOT = 'a'                 | unexpected '=', expected IN or LIKE at column 10",
        "id IN 1                        | unexpected '1', expected '(' after IN at column 7",
        "id IN (1 2)                    | unexpected '2', expected ',' or ')' at column 10",
        "foo = 1                        | unknown attribute 'foo' (artifacts have id, type_id, type, name, uri",
        "id = 'a'                       | string 'a' cannot be compared with int field 'id' at column 6",
        "name = 1                       | '1' cannot be compared with string field 'name' (quote strings",
        "state = 'LIVE'                 | string 'LIVE' cannot be compared with enum field 'state' (enum values are written bare",
        "state = RUNNING                | unknown value 'RUNNING' for 'state' (one of UNKNOWN, PENDING, LIVE",
        "state < LIVE                   | operator < does not apply to enum field 'state' (use =, != or IN) at column 7",
        "id LIKE '1%'                   | LIKE applies to string fields only, not 'id' at column 4",
        "properties.rows = 1            | malformed property 'properties.rows' (write properties.<name>.int_value",
        "properties.rows.int = 1        | malformed property 'properties.rows.int'",
        "properties. = 1                | expected a name after '.' at column 12",
        "contexts_a.foo = 1             | unknown field 'contexts_a.foo' (contexts_a has id, type_id, type, name",
        "contexts_a.properties.x.int_value = 1 | unknown field 'contexts_a.properties.x.int_value'",
        "contexts = 1                   | unknown attribute 'contexts'",
        "parent_contexts_a.id = 1       | unknown attribute 'parent_contexts_a.id'",
        "events_a.artifact_id = 1       | unknown field 'events_a.artifact_id' (events_a has type, execution_id",
        "last_known_state = RUNNING     | unknown attribute 'last_known_state'",
        "id = 99999999999999999999      | integer 99999999999999999999 is out of range at column 6",
        "name = 'a\\q'                  | unknown escape '\\q' at column 10",
        "id = 12abc                     | malformed number '12a' at column 6",
        "properties.ok.bool_value > TRUE | operator > does not apply to bool field",
      })
  void rejectsWithPositionAndToken(String query, String message) {
    assertThatThrownBy(() -> Filter.compile(Target.ARTIFACT, query.strip()))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageStartingWith("Cannot parse filter '" + query.strip() + "': ")
        .hasMessageContaining(message.strip());
  }

  @Test
  void contextsHaveNoUriStateOrContextsAlias() {
    assertThatThrownBy(() -> context("uri = 'x'")).hasMessageContaining("unknown attribute 'uri'");
    assertThatThrownBy(() -> context("contexts_a.id = 1"))
        .hasMessageContaining("unknown attribute 'contexts_a.id'")
        .hasMessageContaining("parent_contexts_<alias>.*");
    assertThatThrownBy(() -> context("events_a.type = INPUT"))
        .hasMessageContaining("unknown attribute 'events_a.type'");
  }

  @Test
  void longQueriesAreCutInMessages() {
    String query = "name = 'a' AND ".repeat(30) + "bogus = 1";
    assertThatThrownBy(() -> artifact(query))
        .hasMessageContaining("...': unknown attribute 'bogus'")
        .hasMessageEndingWith("at column " + (query.indexOf("bogus") + 1));
  }
}
