package io.scheduledreports.delivery.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server that answers with scripted replies, for what GreenMail cannot do: 4xx and 5xx replies,
 * a server that stops answering. It speaks enough of RFC 5321 for Jakarta Mail's client (EHLO, MAIL, RCPT,
 * DATA, NOOP, RSET, QUIT) and records the commands it saw.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final Map<String, String> recipientReplies = new ConcurrentHashMap<>();
    private final Map<String, List<String>> delivered = new ConcurrentHashMap<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile String greeting = "220 scripted.test ESMTP";
    private volatile boolean silentAfterGreeting;

    private ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "scripted-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static ScriptedSmtpServer start() throws IOException {
        return new ScriptedSmtpServer();
    }

    /** Replaces the reply to a command: {@code EHLO}, {@code MAIL}, {@code RCPT}, {@code DATA}, or {@code .} (end of data). */
    ScriptedSmtpServer reply(String command, String reply) {
        replies.put(command.toUpperCase(Locale.ROOT), reply);
        return this;
    }

    /** Answers {@code RCPT TO:<address>} with {@code reply} (e.g. a 550) while other recipients are accepted. */
    ScriptedSmtpServer refuseRecipient(String address, String reply) {
        recipientReplies.put(address.toLowerCase(Locale.ROOT), reply);
        return this;
    }

    /** Accepts {@code address} again. */
    ScriptedSmtpServer acceptRecipient(String address) {
        recipientReplies.remove(address.toLowerCase(Locale.ROOT));
        return this;
    }

    /** The messages accepted for one envelope recipient, in order. */
    List<String> messagesTo(String address) {
        return List.copyOf(delivered.getOrDefault(address.toLowerCase(Locale.ROOT), List.of()));
    }

    /** How often a {@code RCPT} named this address. */
    long rcptAttempts(String address) {
        String needle = "<" + address.toLowerCase(Locale.ROOT) + ">";
        return commands.stream()
                .filter(c -> c.toUpperCase(Locale.ROOT).startsWith("RCPT")
                        && c.toLowerCase(Locale.ROOT).contains(needle))
                .count();
    }

    ScriptedSmtpServer greeting(String line) {
        this.greeting = line;
        return this;
    }

    /** Greets, then never answers: for read timeouts. */
    ScriptedSmtpServer silentAfterGreeting() {
        this.silentAfterGreeting = true;
        return this;
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    /** Settings for this server: plain connection, sender reports@example.com, short timeouts. */
    EmailSettings.Builder settings() {
        return EmailSettings.builder()
                .host("127.0.0.1")
                .port(port())
                .security(SmtpSecurity.NONE)
                .from("reports@example.com")
                .connectTimeout(java.time.Duration.ofSeconds(5))
                .readTimeout(java.time.Duration.ofSeconds(5));
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                connections.incrementAndGet();
                Thread handler = new Thread(() -> converse(socket), "scripted-smtp-" + connections.get());
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream()) {
            send(out, greeting);
            List<String> envelope = new java.util.ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                if (silentAfterGreeting) {
                    continue;
                }
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> send(out, replies.getOrDefault("EHLO", "250-scripted.test\r\n250 8BITMIME"));
                    case "HELO" -> send(out, "250 scripted.test");
                    case "MAIL" -> {
                        envelope.clear();
                        send(out, replies.getOrDefault("MAIL", "250 2.1.0 OK"));
                    }
                    case "RCPT" -> {
                        int open = line.indexOf('<');
                        int close = line.indexOf('>', open + 1);
                        String address = open < 0 || close < 0
                                ? ""
                                : line.substring(open + 1, close).toLowerCase(Locale.ROOT);
                        String reply =
                                recipientReplies.getOrDefault(address, replies.getOrDefault("RCPT", "250 2.1.5 OK"));
                        if (reply.startsWith("250")) {
                            envelope.add(address);
                        }
                        send(out, reply);
                    }
                    case "DATA" -> {
                        String reply = replies.getOrDefault("DATA", "354 go ahead");
                        send(out, reply);
                        if (reply.startsWith("354")) {
                            StringBuilder message = new StringBuilder();
                            String data;
                            while ((data = in.readLine()) != null && !data.equals(".")) {
                                message.append(data).append("\r\n");
                            }
                            if (data == null) {
                                return; // the client hung up mid-message: nothing was accepted
                            }
                            messages.add(message.toString());
                            String end = replies.getOrDefault(".", "250 2.0.0 queued");
                            if (end.startsWith("250")) {
                                for (String to : envelope) {
                                    delivered
                                            .computeIfAbsent(to, k -> new CopyOnWriteArrayList<>())
                                            .add(message.toString());
                                }
                            }
                            envelope.clear();
                            send(out, end);
                        }
                    }
                    case "NOOP" -> send(out, "250 2.0.0 OK");
                    case "RSET" -> {
                        envelope.clear();
                        send(out, "250 2.0.0 OK");
                    }
                    case "QUIT" -> {
                        send(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> send(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
