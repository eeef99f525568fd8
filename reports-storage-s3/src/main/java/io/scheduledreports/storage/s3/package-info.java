/**
 * Report files on S3-compatible object storage: {@link io.scheduledreports.storage.s3.S3ArtifactStore} (an
 * {@link io.scheduledreports.spi.ArtifactStore} every instance of a cluster can read) and
 * {@link io.scheduledreports.storage.s3.S3DeliveryChannel} (the {@code s3} channel that copies a report into a
 * recipient's bucket). Works with AWS S3 and S3-compatible servers (MinIO, Ceph, Cloudflare R2, Backblaze B2,
 * Wasabi) through an endpoint override and path-style access.
 */
package io.scheduledreports.storage.s3;
