package io.scheduledreports.delivery.http.internal;

import io.scheduledreports.delivery.http.OutboundRequest;
import io.scheduledreports.delivery.http.OutboundResponse;
import io.scheduledreports.delivery.http.OutboundTarget;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** One HTTP/1.1 exchange on a socket opened to a vetted address; {@code Connection: close}. */
public final class Http1Exchange {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    private final OutboundTarget target;
    private final OutboundRequest request;
    private final SSLContext sslContext;
    private final String userAgent;
    private final int maxBody;

    public Http1Exchange(
            OutboundTarget target, OutboundRequest request, SSLContext sslContext, String userAgent, int maxBody) {
        this.target = target;
        this.request = request;
        this.sslContext = sslContext;
        this.userAgent = userAgent;
        this.maxBody = maxBody;
    }

    public OutboundResponse run(
            Duration connectTimeout, Duration readTimeout, Duration callTimeout, ScheduledExecutorService timer)
            throws IOException {
        Socket raw = connect(connectTimeout);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = timer.schedule(
                () -> {
                    expired.set(true);
                    closeQuietly(raw);
                },
                callTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try (Socket socket = target.secure() ? tls(raw) : raw) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            writeRequest(out);
            out.flush();
            return readResponse(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
        } catch (IOException e) {
            if (expired.get()) {
                throw new SocketTimeoutException("call timed out after " + callTimeout + " to " + target.host());
            }
            throw e;
        } finally {
            deadline.cancel(false);
            closeQuietly(raw);
        }
    }

    private Socket connect(Duration timeout) throws IOException {
        IOException last = null;
        for (InetAddress address : target.addresses()) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, target.port()), (int)
                        Math.min(Integer.MAX_VALUE, timeout.toMillis()));
                return socket;
            } catch (SocketTimeoutException e) {
                closeQuietly(socket);
                last = new SocketTimeoutException("connect to " + target.host() + " (" + address.getHostAddress() + "):"
                        + target.port() + " timed out after " + timeout);
            } catch (IOException e) {
                closeQuietly(socket);
                ConnectException ce = new ConnectException("connect to " + target.host() + " ("
                        + address.getHostAddress() + "):" + target.port() + " failed: " + e.getMessage());
                ce.initCause(e);
                last = ce;
            }
        }
        throw last;
    }

    private Socket tls(Socket raw) throws IOException {
        String name = bare(target.host());
        SSLSocket ssl = (SSLSocket) sslContext.getSocketFactory().createSocket(raw, name, target.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // certificate must match the host name
        if (Cidr.literal(target.host()).isEmpty()) {
            String sni = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            try {
                params.setServerNames(List.of(new SNIHostName(sni)));
            } catch (IllegalArgumentException e) {
                // not a valid SNI name (e.g. an underscore); the certificate is still checked against the host
            }
        }
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        return ssl;
    }

    private void writeRequest(OutputStream out) throws IOException {
        String path = target.uri().getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        if (target.uri().getRawQuery() != null) {
            path += "?" + target.uri().getRawQuery();
        }
        boolean defaultPort = target.port() == (target.secure() ? 443 : 80);
        StringBuilder head = new StringBuilder(request.method())
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(target.host())
                .append(defaultPort ? "" : ":" + target.port())
                .append("\r\nUser-Agent: ")
                .append(userAgent)
                .append("\r\nConnection: close\r\n");
        if (request.body() != null) {
            head.append("Content-Type: ").append(request.body().contentType()).append("\r\n");
            head.append("Content-Length: ").append(request.body().length()).append("\r\n");
        } else if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            head.append("Content-Length: 0\r\n");
        }
        request.headers()
                .forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (request.body() != null) {
            request.body().writeTo(out);
        }
    }

    private OutboundResponse readResponse(InputStream in) throws IOException {
        while (true) {
            String statusLine = readLine(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x response from " + target.host() + ": " + excerpt(statusLine));
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("bad status line from " + target.host() + ": " + excerpt(statusLine));
            }
            Map<String, List<String>> headers = readHeaders(in);
            if (status >= 100 && status < 200) {
                continue; // interim response (100 Continue, 103 Early Hints)
            }
            if (request.method().equals("HEAD") || status == 204 || status == 304) {
                return new OutboundResponse(status, headers, new byte[0], false);
            }
            return readBody(in, status, headers);
        }
    }

    private OutboundResponse readBody(InputStream in, int status, Map<String, List<String>> headers)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean truncated;
        String te = first(headers, "transfer-encoding");
        String cl = first(headers, "content-length");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            truncated = readChunked(in, body);
        } else if (cl != null) {
            long length;
            try {
                length = Long.parseLong(cl.strip());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length from " + target.host() + ": " + excerpt(cl));
            }
            truncated = copy(in, body, Math.min(length, maxBody)) && length > maxBody;
        } else {
            truncated = copyToEnd(in, body);
        }
        return new OutboundResponse(status, headers, body.toByteArray(), truncated);
    }

    /** Copies exactly {@code n} bytes; false when the stream ended first. */
    private static boolean copy(InputStream in, ByteArrayOutputStream out, long n) throws IOException {
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("response ended after " + (n - left) + " of " + n + " bytes");
            }
            out.write(buf, 0, r);
            left -= r;
        }
        return true;
    }

    private boolean copyToEnd(InputStream in, ByteArrayOutputStream out) throws IOException {
        byte[] buf = new byte[8192];
        int r;
        while ((r = in.read(buf)) >= 0) {
            int room = maxBody - out.size();
            if (r > room) {
                out.write(buf, 0, room);
                return true;
            }
            out.write(buf, 0, r);
        }
        return false;
    }

    private boolean readChunked(InputStream in, ByteArrayOutputStream out) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            int semi = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size from " + target.host() + ": " + excerpt(sizeLine));
            }
            if (size == 0) {
                readHeaders(in); // trailers
                return false;
            }
            long room = maxBody - out.size();
            if (size > room) {
                copy(in, out, room);
                return true;
            }
            copy(in, out, size);
            readLine(in); // CRLF after the chunk
        }
    }

    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; ; i++) {
            String line = readLine(in);
            if (line.isEmpty()) {
                return headers;
            }
            if (i >= MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " response headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] b = line.toByteArray();
                int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE + " bytes");
            }
            line.write(c);
        }
        throw new IOException("connection closed before the response was complete");
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String excerpt(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing after a failure; the failure is what matters
        }
    }
}
