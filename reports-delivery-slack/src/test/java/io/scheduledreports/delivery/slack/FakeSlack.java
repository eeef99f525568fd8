package io.scheduledreports.delivery.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process HTTP server that answers like Slack's Web API for the methods the channel uses, records every
 * request, and checks the bot token. Errors can be scripted per method. Shared with the starter's tests through
 * this module's test jar.
 */
public final class FakeSlack implements AutoCloseable {
    public static final String TOKEN = "xoxb-test-token";
    public static final ObjectMapper JSON = new ObjectMapper();

    public record Call(String method, String path, String authorization, String contentType, byte[] body) {
        public Map<String, String> form() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                out.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
            return out;
        }

        public JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    record Scripted(int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    private final Map<String, Queue<Scripted>> scripts = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::api);
        server.createContext("/upload/", this::upload);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** The next call of {@code method} gets this answer instead of the normal one. */
    public void script(String method, int status, Map<String, String> headers, String body) {
        scripts.computeIfAbsent(method, k -> new ConcurrentLinkedQueue<>()).add(new Scripted(status, headers, body));
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.path().equals("/api/" + method)).toList();
    }

    private void api(HttpExchange ex) throws IOException {
        String method = ex.getRequestURI().getPath().substring("/api/".length());
        Call call = new Call(
                ex.getRequestMethod(),
                ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("Authorization"),
                ex.getRequestHeaders().getFirst("Content-Type"),
                ex.getRequestBody().readAllBytes());
        calls.add(call);
        Scripted s = scripts.getOrDefault(method, new ConcurrentLinkedQueue<>()).poll();
        if (s != null) {
            send(ex, s.status(), s.headers(), s.body());
            return;
        }
        if (!("Bearer " + TOKEN).equals(call.authorization())) {
            send(ex, 200, Map.of(), "{\"ok\":false,\"error\":\"invalid_auth\"}");
            return;
        }
        switch (method) {
            case "auth.test" -> send(ex, 200, Map.of(), "{\"ok\":true,\"team\":\"Acme\",\"user\":\"reports\"}");
            case "chat.postMessage" -> {
                String channel = call.json().path("channel").asText();
                send(
                        ex,
                        200,
                        Map.of(),
                        "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"1700000000.00010" + ids.incrementAndGet()
                                + "\"}");
            }
            case "files.getUploadURLExternal" -> {
                String id = "F0" + ids.incrementAndGet();
                send(
                        ex,
                        200,
                        Map.of(),
                        "{\"ok\":true,\"upload_url\":\"http://127.0.0.1:"
                                + server.getAddress().getPort() + "/upload/" + id + "\",\"file_id\":\"" + id + "\"}");
            }
            case "files.completeUploadExternal" -> {
                JsonNode files = JSON.readTree(call.form().get("files"));
                String id = files.get(0).get("id").asText();
                if (!uploads.containsKey(id)) {
                    send(ex, 200, Map.of(), "{\"ok\":false,\"error\":\"file_not_found\"}");
                } else {
                    send(ex, 200, Map.of(), "{\"ok\":true,\"files\":[{\"id\":\"" + id + "\"}]}");
                }
            }
            default -> send(ex, 200, Map.of(), "{\"ok\":false,\"error\":\"unknown_method\"}");
        }
    }

    private void upload(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getPath().substring("/upload/".length());
        calls.add(new Call(
                ex.getRequestMethod(),
                ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("Authorization"),
                ex.getRequestHeaders().getFirst("Content-Type"),
                new byte[0]));
        uploads.put(id, ex.getRequestBody().readAllBytes());
        send(ex, 200, Map.of(), "OK - " + uploads.get(id).length);
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
