package dev.cairn.store.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FastCdcTest {
  private final FastCdc cdc = new FastCdc(ChunkerParams.DEFAULT);

  private List<byte[]> chunks(byte[] data) {
    List<byte[]> out = new ArrayList<>();
    int pos = 0;
    while (pos < data.length) {
      int len = cdc.cut(data, pos, data.length - pos, true);
      out.add(java.util.Arrays.copyOfRange(data, pos, pos + len));
      pos += len;
    }
    return out;
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void chunksRespectMinAndMaxAndCoverTheInput() {
    byte[] data = random(32 << 20, 1);
    List<byte[]> chunks = chunks(data);
    long total = 0;
    for (int i = 0; i < chunks.size(); i++) {
      int len = chunks.get(i).length;
      assertThat(len).isLessThanOrEqualTo(ChunkerParams.DEFAULT.maxSize());
      if (i < chunks.size() - 1) {
        assertThat(len).isGreaterThanOrEqualTo(ChunkerParams.DEFAULT.minSize());
      }
      total += len;
    }
    assertThat(total).isEqualTo(data.length);
    double mean = (double) data.length / chunks.size();
    assertThat(mean).isBetween(128.0 * 1024, 512.0 * 1024);
  }

  @Test
  void cutsAreDeterministicAndDependOnlyOnContent() {
    byte[] data = random(8 << 20, 2);
    assertThat(chunks(data))
        .usingElementComparator(java.util.Arrays::compare)
        .containsExactlyElementsOf(chunks(data));
  }

  @Test
  void anInsertInTheMiddleChangesOnlyNearbyChunks() {
    byte[] data = random(16 << 20, 3);
    byte[] edited = new byte[data.length + 100];
    int at = data.length / 2;
    System.arraycopy(data, 0, edited, 0, at);
    System.arraycopy(random(100, 4), 0, edited, at, 100);
    System.arraycopy(data, at, edited, at + 100, data.length - at);
    Set<String> before = new HashSet<>();
    chunks(data)
        .forEach(
            c -> before.add(java.util.Arrays.toString(dev.cairn.store.ObjectId.hash(c).toBytes())));
    List<byte[]> after = chunks(edited);
    long changed =
        after.stream()
            .filter(
                c ->
                    !before.contains(
                        java.util.Arrays.toString(dev.cairn.store.ObjectId.hash(c).toBytes())))
            .count();
    assertThat(changed).isBetween(1L, 3L);
  }

  @Test
  void inputsNoLargerThanTheMinimumAreOneChunk() {
    assertThat(cdc.cut(new byte[10], 0, 10, true)).isEqualTo(10);
    assertThat(cdc.cut(new byte[0], 0, 0, true)).isZero();
  }

  @Test
  void zeroFilledDataIsCutAtTheMaximum() {
    byte[] zeros = new byte[4 << 20];
    assertThat(chunks(zeros))
        .allSatisfy(c -> assertThat(c.length).isEqualTo(ChunkerParams.DEFAULT.maxSize()));
  }
}
