package io.scheduledreports.examples.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot demo: sample sales data on embedded H2, two report types, the reports REST API at
 * {@code /api/v1}, an embedded SMTP server (GreenMail) that receives the report e-mails, and a page at
 * {@code http://localhost:8080/} to create schedules, watch runs, download files and read the mails.
 * Start it with {@code ./demo.sh} from the repository root.
 */
@SpringBootApplication
public class DemoApplication {

    public static void main(String[] args) throws IOException {
        SpringApplication app = new SpringApplication(DemoApplication.class);
        // The embedded SMTP server takes a free port unless demo.smtp.port is set, so the demo starts anywhere.
        app.setDefaultProperties(Map.of("demo.smtp.port", freePort()));
        app.run(args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
