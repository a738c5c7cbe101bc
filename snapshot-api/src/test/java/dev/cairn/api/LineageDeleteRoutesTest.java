package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deleting lineage nodes over HTTP: dependents, dry runs, and the three modes. */
class LineageDeleteRoutesTest extends LineageFixture {
  private Step step;

  @BeforeEach
  void oneStep() {
    step = step(A, writer, schema(A, writer), "prep", "raw", "clean");
  }

  @Test
  void aHardDeleteWithDependentsIs409NamingThemAndChangesNothing() {
    long clean = step.artifacts().get(1);
    String message = error(delete(A + "/artifacts/" + clean, admin), 409, "FAILED_PRECONDITION");
    assertThat(message)
        .startsWith("Cannot delete artifact " + clean + ": 1 event (OUTPUT")
        .contains("1 attribution")
        .contains("with cascade");
    ok(get(A + "/artifacts/" + clean, reader));

    JsonNode dry = ok(delete(A + "/artifacts/" + clean + "?dry_run=true&mode=hard", admin));
    assertThat(dry.get("dry_run").asBoolean()).isTrue();
    assertThat(dry.get("dependents").get("events")).hasSize(1);
    assertThat(dry.get("dependents").get("attributions")).hasSize(1);
    assertThat(dry.get("dependents").get("description").asText()).startsWith("1 event (OUTPUT");
    assertThat(ok(get(A + "/artifacts/" + clean + "/dependents", reader)))
        .isEqualTo(dry.get("dependents"));
    ok(get(A + "/artifacts/" + clean, reader));
  }

  @Test
  void softCascadeAndHardDeletesDoWhatTheySay() {
    long raw = step.artifacts().get(0);
    JsonNode soft = ok(delete(A + "/artifacts/" + raw + "?mode=soft", admin));
    assertThat(soft.get("mode").asText()).isEqualTo("SOFT");
    assertThat(ok(get(A + "/artifacts/" + raw, reader)).get("state").asText()).isEqualTo("DELETED");
    assertThat(ok(get(A + "/events?artifact_id=" + raw, reader)).get("events")).hasSize(1);

    JsonNode cascade = ok(delete(A + "/executions/" + step.execution() + "?mode=cascade", admin));
    assertThat(cascade.get("dependents").get("events")).hasSize(2);
    assertThat(cascade.get("dependents").get("associations")).hasSize(1);
    error(get(A + "/executions/" + step.execution(), reader), 404, "NOT_FOUND");
    assertThat(ok(get(A + "/events?artifact_id=" + raw, reader)).get("events")).isEmpty();

    long run = step.contexts().get(0);
    error(delete(A + "/contexts/" + run, admin), 409, "FAILED_PRECONDITION");
    ok(delete(A + "/contexts/" + run + "?mode=cascade", admin));
    ok(delete(A + "/artifacts/" + raw, admin));
    error(get(A + "/artifacts/" + raw, reader), 404, "NOT_FOUND");
  }

  @Test
  void deletesNeedAdminAndNameTheirMistakes() {
    long raw = step.artifacts().get(0);
    assertThat(error(delete(A + "/artifacts/" + raw, writer), 403, "PERMISSION_DENIED"))
        .contains("no admin access to namespace 'team-a'");
    error(delete(A + "/artifacts/" + raw + "?dry_run=true", reader), 403, "PERMISSION_DENIED");
    assertThat(
            error(delete(A + "/artifacts/" + raw + "?mode=gently", admin), 400, "INVALID_ARGUMENT"))
        .isEqualTo("Invalid mode 'gently': use soft, hard or cascade");
    assertThat(error(delete(A + "/artifacts/999", admin), 404, "NOT_FOUND"))
        .isEqualTo("Cannot delete artifact 999: it does not exist in namespace team-a");
    assertThat(
            error(
                delete(A + "/executions/" + step.execution() + "?mode=soft", admin),
                400,
                "INVALID_ARGUMENT"))
        .contains("only artifacts have a DELETED state");
    error(delete(A + "/contexts/999?dry_run=true", admin), 404, "NOT_FOUND");
  }
}
