package dev.cairn.lineage.rocks;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The union of sorted id streams of one direction, in that direction, without duplicates. */
final class MergedIdStream implements IdStream {
  private record Head(long id, IdStream stream) {}

  private final List<IdStream> streams;
  private final PriorityQueue<Head> heads;
  private long last = END;

  private MergedIdStream(List<IdStream> streams, boolean descending) {
    this.streams = List.copyOf(streams);
    Comparator<Head> order = Comparator.comparingLong(Head::id);
    this.heads = new PriorityQueue<>(descending ? order.reversed() : order);
    for (IdStream s : streams) {
      push(s);
    }
  }

  static IdStream of(List<IdStream> streams, boolean descending) {
    if (streams.isEmpty()) {
      return EMPTY;
    }
    return streams.size() == 1 ? streams.get(0) : new MergedIdStream(streams, descending);
  }

  @Override
  public long next() {
    while (!heads.isEmpty()) {
      Head head = heads.poll();
      push(head.stream());
      if (head.id() != last) {
        last = head.id();
        return last;
      }
    }
    return END;
  }

  private void push(IdStream s) {
    long id = s.next();
    if (id != END) {
      heads.add(new Head(id, s));
    }
  }

  @Override
  public void close() {
    streams.forEach(IdStream::close);
  }
}
