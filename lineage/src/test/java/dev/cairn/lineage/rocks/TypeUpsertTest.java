package dev.cairn.lineage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.lineage.LineageException;
import dev.cairn.lineage.TypeUpsert;
import dev.cairn.lineage.mlmd.ArtifactType;
import dev.cairn.lineage.mlmd.ContextType;
import dev.cairn.lineage.mlmd.PropertyType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeUpsertTest extends StoreFixture {
  @Test
  void samePutReturnsTheSameId() {
    assertThat(store.putArtifactType(NS, datasetType(), TypeUpsert.exact())).isEqualTo(datasetType);
    assertThat(store.findArtifactType(NS, "Dataset"))
        .get()
        .extracting(ArtifactType::getId)
        .isEqualTo(datasetType);
    assertThat(store.getArtifactTypesByIds(NS, List.of(datasetType)))
        .singleElement()
        .satisfies(t -> assertThat(t.getPropertiesMap()).containsOnlyKeys("rows", "split"));
  }

  @Test
  void addingAPropertyNeedsCanAddFields() {
    ArtifactType wider =
        datasetType().toBuilder().putProperties("owner", PropertyType.STRING).build();
    assertThatThrownBy(() -> store.putArtifactType(NS, wider, TypeUpsert.exact()))
        .isInstanceOf(LineageException.AlreadyExists.class)
        .hasMessageContaining("'owner'")
        .hasMessageContaining("can_add_fields");
    assertThat(store.putArtifactType(NS, wider, new TypeUpsert(true, false)))
        .isEqualTo(datasetType);
    assertThat(store.findArtifactType(NS, "Dataset").orElseThrow().getPropertiesMap())
        .containsOnlyKeys("rows", "split", "owner");
  }

  @Test
  void omittingAPropertyNeedsCanOmitFieldsAndKeepsIt() {
    ArtifactType narrower = datasetType().toBuilder().removeProperties("split").build();
    assertThatThrownBy(() -> store.putArtifactType(NS, narrower, new TypeUpsert(true, false)))
        .isInstanceOf(LineageException.AlreadyExists.class)
        .hasMessageContaining("'split'")
        .hasMessageContaining("can_omit_fields");
    assertThat(store.putArtifactType(NS, narrower, new TypeUpsert(false, true)))
        .isEqualTo(datasetType);
    assertThat(store.findArtifactType(NS, "Dataset").orElseThrow().getPropertiesMap())
        .containsKey("split");
  }

  @Test
  void aPropertyNeverChangesItsType() {
    ArtifactType retyped =
        datasetType().toBuilder().putProperties("rows", PropertyType.STRING).build();
    assertThatThrownBy(() -> store.putArtifactType(NS, retyped, TypeUpsert.evolve()))
        .isInstanceOf(LineageException.AlreadyExists.class)
        .hasMessageContaining("'rows' is INT and cannot become STRING");
  }

  @Test
  void unknownPropertyTypeIsRefused() {
    ContextType bad =
        ContextType.newBuilder().setName("Bad").putProperties("x", PropertyType.UNKNOWN).build();
    assertThatThrownBy(() -> store.putContextType(NS, bad, TypeUpsert.exact()))
        .isInstanceOf(LineageException.InvalidArgument.class)
        .hasMessageContaining("'x'");
  }

  @Test
  void versionsAreSeparateTypes() {
    long v2 =
        store.putArtifactType(
            NS, datasetType().toBuilder().setVersion("v2").build(), TypeUpsert.exact());
    assertThat(v2).isNotEqualTo(datasetType);
    assertThat(store.findArtifactType(NS, "Dataset", "v2"))
        .get()
        .extracting(ArtifactType::getId)
        .isEqualTo(v2);
    assertThat(store.getArtifactTypes(NS))
        .extracting(ArtifactType::getId)
        .containsExactly(datasetType, v2);
  }

  @Test
  void typesAreScopedToTheirNamespace() {
    assertThat(store.findArtifactType("team-b", "Dataset")).isEmpty();
    assertThat(store.getArtifactTypesByIds("team-b", List.of(datasetType))).isEmpty();
    assertThat(store.getExecutionTypes("team-b")).isEmpty();
    long other = store.putArtifactType("team-b", datasetType(), TypeUpsert.exact());
    assertThat(other).isNotEqualTo(datasetType);
    assertThat(store.getContextTypes(NS)).hasSize(1);
  }
}
