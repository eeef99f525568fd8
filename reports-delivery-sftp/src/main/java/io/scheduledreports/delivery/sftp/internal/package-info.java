/** Implementation of the SFTP channel; not API, may change in any release. */
package io.scheduledreports.delivery.sftp.internal;
