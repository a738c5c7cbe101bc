package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.api.client.ApiClient;
import dev.cairn.api.client.RemoteRetentionPolicies;
import dev.cairn.gc.PolicyUpdate;
import dev.cairn.gc.RetentionPolicies;
import dev.cairn.gc.RetentionPolicy;
import dev.cairn.store.RefName;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server's policies through its routes behave as the repository's own do. */
class RemoteRetentionPoliciesTest extends ServerFixture {
  private static final RefName MAIN = RefName.parse("team-a/main");
  private static final RetentionPolicy LAST_2 = RetentionPolicy.builder().keepLast(2).build();
  private static final RetentionPolicy LAST_5 = RetentionPolicy.builder().keepLast(5).build();

  private RetentionPolicies as(String token) {
    return new RemoteRetentionPolicies(new ApiClient(server.uri(), Optional.of(token)));
  }

  @Test
  void setFindListAndClearGoThroughTheServer() {
    snapshot("team-a", "main", Map.of("f", "1"));
    RetentionPolicies policies = as(admin);
    assertThat(policies.set(MAIN, LAST_2)).isEqualTo(PolicyUpdate.CREATED);
    assertThat(policies.set(MAIN, LAST_2)).isEqualTo(PolicyUpdate.UNCHANGED);
    assertThat(policies.set(MAIN, LAST_5)).isEqualTo(PolicyUpdate.UPDATED);
    assertThat(as(reader).find(MAIN).orElseThrow().policy()).isEqualTo(LAST_5);
    assertThat(as(reader).list()).extracting(RetentionPolicies.Stored::version).containsExactly(2L);
    assertThat(RetentionPolicies.of(repo).find(MAIN).orElseThrow().policy()).isEqualTo(LAST_5);

    assertThat(policies.update(MAIN, 1, Optional.of(LAST_2))).isEqualTo(PolicyUpdate.CONFLICT);
    assertThat(policies.update(MAIN, 2, Optional.empty())).isEqualTo(PolicyUpdate.CLEARED);
    assertThat(policies.find(MAIN)).isEmpty();
    assertThat(policies.clear(MAIN)).isEqualTo(PolicyUpdate.UNCHANGED);
  }

  @Test
  void changesNeedAnAdminToken() {
    assertThatThrownBy(() -> as(writer).set(MAIN, LAST_2))
        .hasMessageContaining("no admin access to namespace 'team-a'");
  }
}
