package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3LocationTest {
  @Test
  void parsesBucketAndPrefixAndPrintsTheSameUrl() {
    assertThat(S3Location.parse("s3://ml-data/team/repo/"))
        .isEqualTo(new S3Location("ml-data", "team/repo"));
    assertThat(S3Location.parse("s3://ml-data")).isEqualTo(new S3Location("ml-data", ""));
    assertThat(S3Location.parse("s3://ml-data/a/b").toString()).isEqualTo("s3://ml-data/a/b");
    assertThat(new S3Location("ml-data", "a").key("config")).isEqualTo("a/config");
    assertThat(new S3Location("ml-data", "").key("config")).isEqualTo("config");
  }

  @Test
  void rejectsBadBucketsAndPrefixes() {
    assertThatThrownBy(() -> S3Location.parse("s3://Bad_Bucket/x"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("Invalid bucket name 'Bad_Bucket'");
    assertThatThrownBy(() -> S3Location.parse("s3://bucket/a//b"))
        .hasMessageContaining("Invalid repository prefix");
    assertThatThrownBy(() -> S3Location.parse("s3://bucket/../x"))
        .hasMessageContaining("Invalid repository prefix");
  }

  @Test
  void aRepositoryArgumentIsABucketUrlOrADirectory() {
    Map<String, String> env = Map.of("XDG_CACHE_HOME", "/var/cache/me");
    RepositoryLocation bucket = RepositoryLocation.parse("s3://b1b/p", S3Settings.DEFAULTS, env);
    assertThat(bucket).isInstanceOf(RepositoryLocation.Bucket.class);
    assertThat(((RepositoryLocation.Bucket) bucket).cacheRoot())
        .isEqualTo(Path.of("/var/cache/me/cairn"));
    assertThat(RepositoryLocation.parse("repo-dir", S3Settings.DEFAULTS, env))
        .isEqualTo(new RepositoryLocation.Directory(Path.of("repo-dir")));
  }

  @Test
  void theCacheFallsBackToDotCacheInTheHomeDirectory() {
    assertThat(RepositoryLocation.userCacheRoot(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "cairn"));
    // A relative XDG_CACHE_HOME is invalid by the XDG spec and ignored.
    assertThat(RepositoryLocation.userCacheRoot(Map.of("XDG_CACHE_HOME", "rel")))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "cairn"));
  }
}
