package io.scheduledreports.delivery.webhook;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/** A real webhook receiver on the JDK HTTP server: records requests and answers from a script (default 200). */
final class ReceiverServer implements AutoCloseable {

    record Received(String method, String path, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Answer(int status, Map<String, String> headers, String body, long delayMillis) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "", 0);
        }

        static Answer of(int status, String body, Map<String, String> headers) {
            return new Answer(status, headers, body, 0);
        }
    }

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();

    private ReceiverServer(HttpServer server) {
        this.server = server;
        server.createContext("/", ex -> {
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            received.add(new Received(
                    ex.getRequestMethod(),
                    ex.getRequestURI().toString(),
                    headers,
                    ex.getRequestBody().readAllBytes()));
            Answer a = script.poll();
            if (a == null) {
                a = Answer.of(200, "{\"ok\":true}", Map.of());
            }
            if (a.delayMillis() > 0) {
                try {
                    Thread.sleep(a.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    static ReceiverServer http() throws IOException {
        return new ReceiverServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    static ReceiverServer https(SSLContext context) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(context));
        return new ReceiverServer(s);
    }

    void answer(Answer... answers) {
        script.addAll(List.of(answers));
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
