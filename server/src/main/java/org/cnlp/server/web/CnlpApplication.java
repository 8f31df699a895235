package org.cnlp.server.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The cnlp REST API, version 1, under {@code /api/v1}. */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(
        info = @Info(title = "cnlp annotation API", version = "1.0",
                description = "Annotates clinical notes (sections, entities with offsets, type, confidence, assertion and linked"
                        + " concepts) and searches the terminology. Every /api call needs 'Authorization: Bearer <API key>'."
                        + " Errors are application/problem+json (RFC 9457) with a requestId; every response carries X-Request-Id.",
                license = @License(name = "see the repository")),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key: in development mode the one in the file the server prints at start; in production one of"
                + " cnlp.security.api-keys-file.")
public class CnlpApplication extends Application {
}
