package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.CorruptException;
import dev.cairn.store.ObjectId;
import dev.cairn.store.StoredBlob;
import dev.cairn.store.UnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a client accepts of a stored-blobs answer: exactly the frames asked for, whole. */
class StoredBlobFramesTest {
  private final ObjectId a = ObjectId.hash(new byte[] {1});
  private final ObjectId b = ObjectId.hash(new byte[] {2});

  private static byte[] answer(ObjectId id, Optional<StoredBlob> blob) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StoredBlobFrames.Writer w = new StoredBlobFrames.Writer(out);
    w.blob(id, blob);
    w.finish();
    return out.toByteArray();
  }

  private static StoredBlobFrames.Reader reader(byte[] bytes) {
    return new StoredBlobFrames.Reader(new ByteArrayInputStream(bytes), "http://test");
  }

  @Test
  void framesRoundTripAndAbsentBlobsAreEmpty() throws Exception {
    StoredBlob blob = new StoredBlob(a, new byte[] {9, 8, 7}, 10, true);
    StoredBlobFrames.Reader r = reader(answer(a, Optional.of(blob)));
    StoredBlob back = r.next(a).orElseThrow();
    assertThat(back.bytes()).containsExactly(9, 8, 7);
    assertThat(back.rawLength()).isEqualTo(10);
    assertThat(back.compressed()).isTrue();
    r.finish();
    StoredBlobFrames.Reader none = reader(answer(b, Optional.empty()));
    assertThat(none.next(b)).isEmpty();
    none.finish();
  }

  @Test
  void anAnswerForAnotherIdOrWithImpossibleLengthsIsCorrupt() throws Exception {
    byte[] other = answer(b, Optional.of(new StoredBlob(b, new byte[] {1}, 1, false)));
    assertThatThrownBy(() -> reader(other).next(a))
        .isInstanceOf(CorruptException.class)
        .hasMessageContaining("answered blob " + b + " where " + a + " was asked");
    byte[] lying = answer(a, Optional.of(new StoredBlob(a, new byte[] {1, 2}, 5, false)));
    assertThatThrownBy(() -> reader(lying).next(a))
        .isInstanceOf(CorruptException.class)
        .hasMessageContaining("impossible lengths");
    assertThatThrownBy(() -> reader("HTTP/1.1 garbage".getBytes()))
        .isInstanceOf(CorruptException.class)
        .hasMessageContaining("without a valid header");
    byte[] good = answer(a, Optional.empty());
    byte[] extra = Arrays.copyOf(good, good.length + 1);
    StoredBlobFrames.Reader r = reader(extra);
    r.next(a);
    assertThatThrownBy(r::finish).isInstanceOf(CorruptException.class);
  }

  @Test
  void anAnswerThatBreaksOffIsUnavailableNotCorrupt() throws Exception {
    byte[] whole = answer(a, Optional.of(new StoredBlob(a, new byte[100], 100, false)));
    StoredBlobFrames.Reader r = reader(Arrays.copyOf(whole, whole.length - 20));
    assertThatThrownBy(() -> r.next(a))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("broke off");
  }
}
