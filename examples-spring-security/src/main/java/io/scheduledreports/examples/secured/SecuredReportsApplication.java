package io.scheduledreports.examples.secured;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The README's Spring Boot quick start as an application: the starter on the application's {@code DataSource},
 * one SQL report type, and real Spring Security. {@code SecuredReportsApplicationTest} starts it on a random port
 * and uses it as a new user would, over HTTP.
 */
@SpringBootApplication
public class SecuredReportsApplication {

    public static void main(String[] args) {
        SpringApplication.run(SecuredReportsApplication.class, args);
    }
}
