package dev.cairn.store.s3;

import dev.cairn.store.ObjectInfo;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Lists keys page by page, each page one request with its own retries, so a failure late in a long
 * listing repeats one page rather than the whole listing.
 */
final class S3Lister {
  static final int PAGE = 1000;

  private final MinioClient client;
  private final String bucket;
  private final Retrier retrier;

  S3Lister(MinioClient client, String bucket, Retrier retrier) {
    this.client = client;
    this.bucket = bucket;
    this.retrier = retrier;
  }

  /**
   * Objects whose key starts with {@code keyPrefix}, in key order, named by their key minus the
   * first {@code stripLength} characters.
   */
  Stream<ObjectInfo> list(String keyPrefix, int stripLength, String action) {
    Iterator<ObjectInfo> pages =
        new Iterator<>() {
          private List<ObjectInfo> page = List.of();
          private int next;
          private boolean more = true;
          private String after = "";

          @Override
          public boolean hasNext() {
            while (next >= page.size() && more) {
              page = retrier.call(action, () -> fetch(keyPrefix, after, stripLength));
              next = 0;
              more = page.size() == PAGE;
              if (!page.isEmpty()) {
                after = key(page.get(page.size() - 1));
              }
            }
            return next < page.size();
          }

          private String key(ObjectInfo info) {
            return keyPrefix.substring(0, stripLength) + info.name();
          }

          @Override
          public ObjectInfo next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.get(next++);
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** One page of up to {@link #PAGE} keys after {@code after}. */
  private List<ObjectInfo> fetch(String keyPrefix, String after, int stripLength) throws Exception {
    ListObjectsArgs.Builder args =
        ListObjectsArgs.builder().bucket(bucket).prefix(keyPrefix).recursive(true).maxKeys(PAGE);
    if (!after.isEmpty()) {
      args.startAfter(after);
    }
    List<ObjectInfo> out = new ArrayList<>();
    // The SDK fetches further pages lazily; stopping at PAGE items keeps this to one request.
    for (Result<Item> r : client.listObjects(args.build())) {
      Item item = r.get();
      if (item.isDir()) {
        continue;
      }
      out.add(
          new ObjectInfo(
              item.objectName().substring(stripLength),
              item.size(),
              item.lastModified().toInstant()));
      if (out.size() == PAGE) {
        break;
      }
    }
    return out;
  }
}
