package io.scheduledreports.spring.internal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses form-encoded bodies on PUT, PATCH and DELETE requests to the reports API with 415 before Spring's
 * {@code FormContentFilter} parses them: that filter runs before any controller, and a body it cannot decode
 * would escape as a 500. The API reads JSON only, so nothing is lost. Found by the API fuzz test.
 */
public final class FormBodyRefusal extends OncePerRequestFilter {

    private static final Set<String> METHODS = Set.of("PUT", "PATCH", "DELETE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (METHODS.contains(request.getMethod()) && isForm(request.getContentType())) {
            response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":\"Unsupported media type\",\"status\":415,"
                            + "\"detail\":\"Content-Type: the reports API reads JSON bodies only\","
                            + "\"errors\":[{\"field\":\"Content-Type\","
                            + "\"message\":\"the reports API reads JSON bodies only\"}]}");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException: "a", "", an unknown charset
            return false; // not a form; the API answers an unreadable type itself
        }
    }
}
