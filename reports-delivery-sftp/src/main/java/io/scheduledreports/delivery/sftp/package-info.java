/**
 * SFTP delivery on Apache MINA SSHD: {@link io.scheduledreports.delivery.sftp.SftpChannel} uploads reports to
 * destinations {@code sftp://connection-name/directory}, where each named
 * {@link io.scheduledreports.delivery.sftp.SftpConnection} (host, port, user, a password or private key by secret
 * name, and a pinned host key) is configured by the host in
 * {@link io.scheduledreports.delivery.sftp.SftpSettings}.
 */
package io.scheduledreports.delivery.sftp;
