package dev.cairn.store.s3;

/** One S3 request as the SDK throws it: any exception is classified by {@link S3Errors}. */
@FunctionalInterface
interface S3Call<T> {
  T run() throws Exception;
}
