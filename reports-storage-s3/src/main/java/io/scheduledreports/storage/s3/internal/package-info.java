/** Implementation of the S3 store and channel; not API, may change in any release. */
package io.scheduledreports.storage.s3.internal;
