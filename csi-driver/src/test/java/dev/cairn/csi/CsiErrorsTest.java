package dev.cairn.csi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.AlreadyExistsException;
import dev.cairn.store.ConflictException;
import dev.cairn.store.CorruptException;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.NotFoundException;
import dev.cairn.store.UnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsiErrorsTest {
  static Stream<Arguments> mapping() {
    return Stream.of(
        Arguments.of(new NotFoundException("no volume v1"), Status.Code.NOT_FOUND),
        Arguments.of(new AlreadyExistsException("name taken"), Status.Code.ALREADY_EXISTS),
        Arguments.of(new InvalidArgumentException("bad name"), Status.Code.INVALID_ARGUMENT),
        Arguments.of(new ConflictException("ref moved"), Status.Code.ABORTED),
        Arguments.of(new CorruptException("chunk 8be0 is corrupt"), Status.Code.DATA_LOSS),
        Arguments.of(new UnavailableException("repository locked"), Status.Code.UNAVAILABLE),
        Arguments.of(new IOException("disk gone"), Status.Code.INTERNAL),
        Arguments.of(new IllegalStateException("bug"), Status.Code.INTERNAL));
  }

  @ParameterizedTest
  @MethodSource("mapping")
  void storeExceptionsMapToTheirStatus(Exception e, Status.Code code) {
    Status status = CsiErrors.toStatus(e);

    assertThat(status.getCode()).isEqualTo(code);
    assertThat(status.getDescription()).isEqualTo(e.getMessage());
  }

  @Test
  void everyStatusCarriesAMessage() {
    assertThat(CsiErrors.toStatus(new NullPointerException()).getDescription())
        .isEqualTo("NullPointerException");
    assertThat(CsiErrors.toStatus(Status.FAILED_PRECONDITION.asRuntimeException()).getDescription())
        .isEqualTo("FAILED_PRECONDITION");
  }

  @Test
  void statusesThrownByServicesPassThrough() {
    Status status =
        CsiErrors.toStatus(Status.OUT_OF_RANGE.withDescription("too big").asRuntimeException());

    assertThat(status.getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
    assertThat(status.getDescription()).isEqualTo("too big");
  }

  @Test
  void unaryCompletesWithTheResponse() {
    Recorder<String> observer = new Recorder<>();

    CsiErrors.unary(observer, () -> "done");

    assertThat(observer.values).containsExactly("done");
    assertThat(observer.completed).isTrue();
    assertThat(observer.error).isNull();
  }

  @Test
  void unaryFailsWithTheMappedStatusAndNoResponse() {
    Recorder<String> observer = new Recorder<>();

    CsiErrors.unary(
        observer,
        () -> {
          throw new NotFoundException("Cannot find volume v1");
        });

    assertThat(observer.values).isEmpty();
    assertThat(observer.completed).isFalse();
    assertThat(observer.error).isInstanceOf(StatusRuntimeException.class);
    Status status = ((StatusRuntimeException) observer.error).getStatus();
    assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(status.getDescription()).isEqualTo("Cannot find volume v1");
  }

  @Test
  void interruptionKeepsTheInterruptFlag() {
    Status status = CsiErrors.toStatus(new InterruptedException("stopping"));

    assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(Thread.interrupted()).isTrue(); // also clears it for the next test
  }

  private static final class Recorder<T> implements StreamObserver<T> {
    final List<T> values = new ArrayList<>();
    Throwable error;
    boolean completed;

    @Override
    public void onNext(T value) {
      values.add(value);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onCompleted() {
      completed = true;
    }
  }
}
