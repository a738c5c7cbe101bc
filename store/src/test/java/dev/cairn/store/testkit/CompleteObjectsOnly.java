package dev.cairn.store.testkit;

import java.util.List;
import java.util.regex.Pattern;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * Hides the files jclouds' filesystem store writes an object into before it renames them into place
 * ({@code <key>-<uuid>}): S3 never lists an object before its PUT completes, and the test server
 * should not either.
 */
final class CompleteObjectsOnly extends ForwardingBlobStore {
  private static final Pattern IN_PROGRESS =
      Pattern.compile(".*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

  CompleteObjectsOnly(BlobStore delegate) {
    super(delegate);
  }

  @Override
  public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
    PageSet<? extends StorageMetadata> page = super.list(container, options);
    List<StorageMetadata> complete =
        page.stream()
            .filter(m -> m.getName() == null || !IN_PROGRESS.matcher(m.getName()).matches())
            .map(m -> (StorageMetadata) m)
            .toList();
    return new PageSetImpl<>(complete, page.getNextMarker());
  }
}
