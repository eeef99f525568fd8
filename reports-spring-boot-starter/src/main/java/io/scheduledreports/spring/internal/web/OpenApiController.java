package io.scheduledreports.spring.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the hand-maintained OpenAPI 3.1 document of this API at {@code {base-path}/openapi.json}, with
 * {@code servers[0].url} set to where the API is in this application (context path and base path), so that the
 * document's paths, which are relative to the base path, resolve to this application's endpoints.
 */
@RestController
@RequestMapping("${scheduled-reports.api.base-path:/api/v1}")
public final class OpenApiController {

    /** Where the document is on the class path. */
    public static final String RESOURCE = "/META-INF/scheduled-reports/openapi.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode document;
    private final String basePath;
    private final Map<String, String> byContextPath = new ConcurrentHashMap<>();

    /**
     * Reads the document once.
     *
     * @param basePath the API's base path without a trailing slash, e.g. {@code /api/v1}
     * @throws IllegalStateException when the document is missing from the class path or is not a JSON object
     */
    public OpenApiController(String basePath) {
        this.basePath = basePath;
        try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document " + RESOURCE + " is missing from the class path");
            }
            if (!(JSON.readTree(in) instanceof ObjectNode root)) {
                throw new IllegalStateException("OpenAPI document " + RESOURCE + " is not a JSON object");
            }
            this.document = root;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read OpenAPI document " + RESOURCE, e);
        }
    }

    @GetMapping(path = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> openApi(HttpServletRequest request) {
        String body = byContextPath.computeIfAbsent(request.getContextPath(), this::render);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private String render(String contextPath) {
        ObjectNode copy = document.deepCopy();
        ArrayNode servers = copy.putArray("servers");
        servers.addObject()
                .put("url", contextPath + basePath)
                .put("description", "This application's Scheduled Reports API (scheduled-reports.api.base-path).");
        return JSON.writeValueAsString(copy);
    }
}
