package io.scheduledreports.reliability;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SMTP server of a scenario run (GreenMail, in the runner, so it survives the engine instances it counts for),
 * on a fixed loopback port that stays the same across {@link #stop()} and {@link #start()}: an outage is a server
 * that refuses connections, then comes back. Every message received is counted by its {@code Message-ID}, which
 * the e-mail channel derives from the delivery's idempotency key.
 */
final class Mailbox implements AutoCloseable {
    private final int port;
    private final List<String> earlier = new ArrayList<>();
    private GreenMail server;

    Mailbox() {
        GreenMail first = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        first.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        first.start();
        this.port = first.getSmtp().getPort();
        this.server = first;
    }

    int port() {
        return port;
    }

    synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the server; connections are refused until {@link #start()}. Messages so far are kept. */
    synchronized void stop() {
        if (server != null) {
            earlier.addAll(ids(server));
            server.stop();
            server = null;
        }
    }

    /** Starts the server again on the same port. */
    synchronized void start() {
        if (server == null) {
            GreenMail again = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            again.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            again.start();
            server = again;
        }
    }

    /** Message-IDs of every message received so far, with repeats. */
    synchronized List<String> messageIds() {
        List<String> all = new ArrayList<>(earlier);
        if (server != null) {
            all.addAll(ids(server));
        }
        return all;
    }

    /** How often each Message-ID was received. */
    Map<String, Integer> countsById() {
        Map<String, Integer> counts = new HashMap<>();
        for (String id : messageIds()) {
            counts.merge(id, 1, Integer::sum);
        }
        return counts;
    }

    private static List<String> ids(GreenMail server) {
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : server.getReceivedMessages()) {
            try {
                ids.add(m.getMessageID());
            } catch (MessagingException e) {
                ids.add("unreadable:" + e.getMessage());
            }
        }
        return ids;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
