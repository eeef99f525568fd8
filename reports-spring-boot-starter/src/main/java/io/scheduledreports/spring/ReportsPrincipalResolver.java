package io.scheduledreports.spring;

import io.scheduledreports.spi.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Tells the REST API who is calling: the tenant, the user and the roles ({@link Actor#VIEWER},
 * {@link Actor#CREATOR}, {@link Actor#ADMIN}) of a request. The host defines one as a bean; with Spring Security
 * on the classpath a default reads the authenticated principal. Without a resolver the API stays off.
 */
@FunctionalInterface
public interface ReportsPrincipalResolver {

    /**
     * Resolves the actor of a request.
     *
     * @param request the current request
     * @return the actor, or empty when the request is not authenticated (answered with 401)
     * @throws io.scheduledreports.spi.ReportsAccessDeniedException when the caller is authenticated but may not
     *     use reports at all (answered with 403)
     */
    Optional<Actor> resolve(HttpServletRequest request);
}
