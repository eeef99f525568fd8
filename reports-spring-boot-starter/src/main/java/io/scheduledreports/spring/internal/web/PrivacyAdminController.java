package io.scheduledreports.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.recipients.DataSubject;
import io.scheduledreports.core.recipients.ErasureResult;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.ReportsValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * GDPR requests, {@code /admin/privacy}: export everything stored about a person, erase a person. Admins only,
 * within their own tenant. Both take the person in the body (POST), so addresses never land in URLs and access
 * logs.
 */
@RestController
@RequestMapping(
        path = "${scheduled-reports.api.base-path:/api/v1}/admin/privacy",
        produces = {"application/json", "application/problem+json"})
public final class PrivacyAdminController {

    private final ScheduledReports reports;
    private final Principals principals;

    /** Creates the controller. */
    public PrivacyAdminController(ScheduledReports reports, Principals principals) {
        this.reports = reports;
        this.principals = principals;
    }

    /**
     * Who a request is about: exactly one of a user id and an e-mail address.
     *
     * @param userId a host user id
     * @param email a recipient's address
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SubjectBody(
            String userId, String email, @JsonAnySetter Map<String, Object> unknown) {

        static final Set<String> FIELDS = Set.of("user_id", "email");

        DataSubject subject() {
            UnknownFields.refuse(unknown, FIELDS, "");
            if ((userId == null) == (email == null)) {
                throw new ReportsValidationException(
                        userId == null ? "user_id" : "email",
                        "give exactly one of user_id and email, was " + (userId == null ? "neither" : "both"));
            }
            return userId != null ? DataSubject.user(userId) : DataSubject.email(email);
        }
    }

    /**
     * What an erasure changed.
     *
     * @param kind {@code user} or {@code email}
     * @param pseudonym the keyed hash that now stands for the person
     * @param rows rows changed per table and column
     * @param total rows changed in all (0: nothing was stored, or it was erased before)
     */
    record ErasureView(String kind, String pseudonym, Map<String, Integer> rows, int total) {
        static ErasureView of(ErasureResult r) {
            return new ErasureView(r.subject().kindName(), r.pseudonym(), r.rows(), r.total());
        }
    }

    @PostMapping("/export")
    ResponseEntity<String> export(@RequestBody SubjectBody body, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.ADMIN);
        DataSubject subject = body.subject();
        String json = reports.admin().export(actor, actor.tenantId(), subject);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    @PostMapping("/erase")
    ErasureView erase(@RequestBody SubjectBody body, HttpServletRequest request) {
        Actor actor = principals.require(request, Actor.ADMIN);
        return ErasureView.of(reports.admin().erase(actor, actor.tenantId(), body.subject()));
    }
}
