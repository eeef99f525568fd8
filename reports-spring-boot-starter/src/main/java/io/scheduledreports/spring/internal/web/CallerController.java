package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scheduledreports.spi.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the API takes the caller for, {@code /me}: tenant, user and roles as the host's resolver says. Lets a UI
 * hide what the caller may not do; the API still checks every call by itself.
 */
@RestController
@RequestMapping("${scheduled-reports.api.base-path:/api/v1}/me")
public final class CallerController {

    private final Principals principals;

    /** Creates the controller. */
    public CallerController(Principals principals) {
        this.principals = principals;
    }

    @GetMapping
    CallerView me(HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.VIEWER);
        return new CallerView(actor.tenantId(), actor.userId(), List.copyOf(new TreeSet<>(actor.roles())));
    }

    /**
     * The caller.
     *
     * @param tenantId its tenant
     * @param userId its user id
     * @param roles its roles, sorted ({@code viewer}, {@code creator}, {@code admin})
     */
    record CallerView(
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("user_id") String userId,
            List<String> roles) {}
}
