package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.ListOptions;
import dev.cairn.lineage.ListOptions.OrderBy;
import dev.cairn.lineage.Page;
import dev.cairn.lineage.mlmd.Artifact;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Paging: reassembly, stability under writes, tokens, page sizes. */
class PagingTest extends StoreFixture {
  static final String OTHER = "team-b";
  static final int N = 23;

  List<Long> ids = new ArrayList<>();

  @BeforeEach
  void artifacts() {
    for (int i = 0; i < N; i++) {
      // Runs of four nodes share a create time, so ties must break by id.
      clock.setStep(i % 4 == 3 ? 1 : 0);
      ids.add(
          store
              .putArtifacts(NS, List.of(snapshot("s" + i).toBuilder().setName("a" + i).build()))
              .get(0));
    }
    // Update every third one, in reverse, so update order is neither id order nor its reverse.
    clock.setStep(0);
    for (int i = N - 1; i >= 0; i -= 3) {
      store.putArtifacts(
          NS,
          List.of(
              Artifact.newBuilder()
                  .setId(ids.get(i))
                  .putCustomProperties("touched", intValue(i))
                  .build()));
    }
    clock.setStep(1);
    clock.millis(); // later writes come strictly after the frozen ones
  }

  @Test
  void fixtureHasTiesInBothTimes() {
    List<Artifact> all = store.getArtifactsByIds(NS, ids);
    assertThat(all.stream().map(Artifact::getCreateTimeSinceEpoch).distinct().count())
        .isLessThan(N / 2);
    assertThat(all.stream().map(Artifact::getLastUpdateTimeSinceEpoch).distinct().count())
        .isLessThan(N / 2);
  }

  static Stream<Arguments> orders() {
    return Stream.of(OrderBy.values())
        .flatMap(o -> Stream.of(Arguments.of(o, true), Arguments.of(o, false)));
  }

  @ParameterizedTest(name = "{0} ascending={1}")
  @MethodSource("orders")
  void everyPageSizeReassemblesTheWholeListingInOrder(OrderBy order, boolean ascending) {
    List<Long> expected = sorted(store.getArtifactsByIds(NS, ids), order, ascending);
    for (int size = 1; size <= N + 1; size++) {
      ListOptions options =
          ListOptions.defaults().withOrder(order, ascending).withMaxResultSize(size);
      assertThat(idsOf(Pages.all(o -> store.listArtifacts(NS, o), options)))
          .as("pages of %d", size)
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0} ascending={1}")
  @MethodSource("orders")
  void filteredPagesReassembleTheFilteredListing(OrderBy order, boolean ascending) {
    String filter = "name LIKE 'a1%' OR custom_properties.touched.int_value IS NOT NULL";
    List<Artifact> all = store.getArtifactsByIds(NS, ids);
    List<Long> expected =
        sorted(
            all.stream()
                .filter(a -> a.getName().startsWith("a1") || a.containsCustomProperties("touched"))
                .toList(),
            order,
            ascending);
    assertThat(expected).hasSizeBetween(5, N - 5);
    for (int size = 1; size <= expected.size() + 1; size++) {
      ListOptions options = new ListOptions(size, order, ascending, filter, null);
      assertThat(idsOf(Pages.all(o -> store.listArtifacts(NS, o), options))).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0} ascending={1}")
  @MethodSource("orders")
  void nodesInsertedWhilePagingDoNotAppear(OrderBy order, boolean ascending) {
    ListOptions options = ListOptions.defaults().withOrder(order, ascending).withMaxResultSize(4);
    List<Long> before = idsOf(Pages.all(o -> store.listArtifacts(NS, o), options));
    Page<Artifact> first = store.listArtifacts(NS, options);
    List<Long> seen = new ArrayList<>(idsOf(first.items()));
    ListOptions next = options.withPageToken(first.nextPageToken().orElseThrow());
    while (true) {
      // New nodes sort last ascending and first descending: exactly where a cursor would meet them.
      store.putArtifacts(
          NS, List.of(snapshot("late" + seen.size()), snapshot("later" + seen.size())));
      Page<Artifact> page = store.listArtifacts(NS, next);
      seen.addAll(idsOf(page.items()));
      if (page.nextPageToken().isEmpty()) {
        break;
      }
      next = next.withPageToken(page.nextPageToken().get());
    }
    assertThat(seen).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ID", "CREATE_TIME"})
  void updatesWhilePagingNeitherRepeatNorDropNodesOrderedByIdOrCreateTime(OrderBy order) {
    ListOptions options = ListOptions.defaults().withOrder(order, true).withMaxResultSize(5);
    List<Long> before = idsOf(Pages.all(o -> store.listArtifacts(NS, o), options));
    Page<Artifact> first = store.listArtifacts(NS, options);
    store.putArtifacts(
        NS,
        List.of(
            Artifact.newBuilder().setId(before.get(0)).setName("a0").build(),
            Artifact.newBuilder().setId(before.get(N - 1)).build()));
    List<Long> rest =
        idsOf(
            Pages.all(
                o -> store.listArtifacts(NS, o),
                options.withPageToken(first.nextPageToken().get())));
    List<Long> seen = new ArrayList<>(idsOf(first.items()));
    seen.addAll(rest);
    assertThat(seen).isEqualTo(before);
  }

  @Test
  void byUpdateTimeAscendingAnUpdatedNodeComesAgainAtItsNewPlace() {
    ListOptions options =
        ListOptions.defaults().withOrder(OrderBy.LAST_UPDATE_TIME, true).withMaxResultSize(5);
    Page<Artifact> first = store.listArtifacts(NS, options);
    long returned = first.items().get(0).getId();
    store.putArtifacts(NS, List.of(Artifact.newBuilder().setId(returned).build()));
    List<Long> rest =
        idsOf(
            Pages.all(
                o -> store.listArtifacts(NS, o),
                options.withPageToken(first.nextPageToken().get())));
    assertThat(rest).endsWith(returned);
  }

  @Test
  void byUpdateTimeDescendingAnUpdatedNodeNotYetReturnedIsMissed() {
    ListOptions options =
        ListOptions.defaults().withOrder(OrderBy.LAST_UPDATE_TIME, false).withMaxResultSize(5);
    Page<Artifact> first = store.listArtifacts(NS, options);
    List<Long> all = idsOf(Pages.all(o -> store.listArtifacts(NS, o), options));
    long pending = all.get(all.size() - 1);
    store.putArtifacts(NS, List.of(Artifact.newBuilder().setId(pending).build()));
    List<Long> rest =
        idsOf(
            Pages.all(
                o -> store.listArtifacts(NS, o),
                options.withPageToken(first.nextPageToken().get())));
    assertThat(rest).doesNotContain(pending).hasSize(N - 6);
  }

  @Test
  void pageSizeMayChangeBetweenPages() {
    Page<Artifact> first = store.listArtifacts(NS, ListOptions.defaults().withMaxResultSize(2));
    Page<Artifact> second =
        store.listArtifacts(
            NS,
            ListOptions.defaults().withMaxResultSize(7).withPageToken(first.nextPageToken().get()));
    assertThat(idsOf(second.items())).isEqualTo(ids.subList(2, 9));
  }

  @Test
  void aTokenOnlyContinuesItsOwnListing() {
    ListOptions options = new ListOptions(3, OrderBy.ID, true, "name != 'a3'", null);
    String token = store.listArtifacts(NS, options).nextPageToken().orElseThrow();
    assertThat(store.listArtifacts(NS, options.withPageToken(token)).items()).hasSize(3);

    assertRejected(
        () -> store.listArtifacts(NS, options.withFilter("name != 'a4'").withPageToken(token)),
        "another filter");
    assertRejected(
        () -> store.listArtifacts(NS, options.withFilter(null).withPageToken(token)),
        "another filter");
    assertRejected(
        () ->
            store.listArtifacts(
                NS, options.withOrder(OrderBy.CREATE_TIME, true).withPageToken(token)),
        "another order (ID ascending)");
    assertRejected(
        () -> store.listArtifacts(NS, options.withOrder(OrderBy.ID, false).withPageToken(token)),
        "another order (ID ascending)");
    assertRejected(
        () -> store.listContexts(NS, options.withFilter("name != 'a3'").withPageToken(token)),
        "another node kind");
    assertRejected(
        () -> store.listArtifacts(OTHER, options.withPageToken(token)), "another namespace");
  }

  @Test
  void garbageTokensAreRejectedNotFollowed() {
    String token =
        store
            .listArtifacts(NS, ListOptions.defaults().withMaxResultSize(2))
            .nextPageToken()
            .orElseThrow();
    List<String> garbage =
        new ArrayList<>(List.of("x", "!!!!", "====", token.substring(1), token + "A", "null"));
    char[] flipped = token.toCharArray();
    flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
    garbage.add(new String(flipped));
    Random random = new Random(1);
    for (int i = 0; i < 50; i++) {
      byte[] bytes = new byte[48];
      random.nextBytes(bytes);
      garbage.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
    for (String g : garbage) {
      assertRejected(
          () -> store.listArtifacts(NS, ListOptions.defaults().withPageToken(g)),
          "it is not a page token this store issued");
    }
  }

  @Test
  void blankTokenAndFilterMeanFirstPageOfEverything() {
    Page<Artifact> page = store.listArtifacts(NS, new ListOptions(0, OrderBy.ID, true, "  ", ""));
    assertThat(idsOf(page.items())).isEqualTo(ids);
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void pageSizeDefaultsToOneHundredAndStopsAtOneThousand() {
    assertThat(ListOptions.defaults().maxResultSize()).isEqualTo(ListOptions.DEFAULT_PAGE_SIZE);
    assertThat(ListOptions.defaults().withMaxResultSize(ListOptions.MAX_PAGE_SIZE).maxResultSize())
        .isEqualTo(1000);
    assertThatThrownBy(() -> ListOptions.defaults().withMaxResultSize(1001))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessage(
            "Cannot list with max result size 1001: it must be between 1 and 1000 (0 for the default of 100)");
    assertThatThrownBy(() -> ListOptions.defaults().withMaxResultSize(-1))
        .isInstanceOf(LineageException.InvalidArgument.class);
    assertThatThrownBy(() -> ListOptions.defaults().withOrder(null, true))
        .isInstanceOf(LineageException.InvalidArgument.class);

    List<Artifact> more = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      more.add(snapshot("bulk" + i));
    }
    store.putArtifacts(NS, more);
    Page<Artifact> page = store.listArtifacts(NS, ListOptions.defaults());
    assertThat(page.items()).hasSize(100);
    assertThat(page.hasNext()).isTrue();
    assertThat(store.listArtifacts(NS, ListOptions.defaults().withMaxResultSize(1000)).items())
        .hasSize(N + 100);
  }

  @Test
  void anEmptyNamespaceHasOneEmptyPage() {
    Page<Artifact> page = store.listArtifacts("empty", ListOptions.defaults());
    assertThat(page.items()).isEmpty();
    assertThat(page.nextPageToken()).isEmpty();
    assertThat(
            store
                .listExecutions(
                    NS, ListOptions.defaults().withOrder(OrderBy.LAST_UPDATE_TIME, false))
                .items())
        .isEmpty();
  }

  private static void assertRejected(Runnable call, String reason) {
    assertThatThrownBy(call::run)
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageStartingWith("Cannot use page token '")
        .hasMessageContaining(reason);
  }

  static List<Long> idsOf(List<Artifact> artifacts) {
    return artifacts.stream().map(Artifact::getId).toList();
  }

  static List<Long> sorted(List<Artifact> artifacts, OrderBy order, boolean ascending) {
    ToLongFunction<Artifact> value =
        switch (order) {
          case ID -> Artifact::getId;
          case CREATE_TIME -> Artifact::getCreateTimeSinceEpoch;
          case LAST_UPDATE_TIME -> Artifact::getLastUpdateTimeSinceEpoch;
        };
    Comparator<Artifact> c = Comparator.comparingLong(value).thenComparingLong(Artifact::getId);
    return artifacts.stream().sorted(ascending ? c : c.reversed()).map(Artifact::getId).toList();
  }
}
