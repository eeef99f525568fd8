package io.scheduledreports.examples.demo;

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

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
