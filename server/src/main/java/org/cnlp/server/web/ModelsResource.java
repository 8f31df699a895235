package org.cnlp.server.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.runtime.CnlpRuntime;
import org.cnlp.server.runtime.ModelsReport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /models}. */
@Path("models")
@ApplicationScoped
@Tag(name = "models", description = "What this server runs")
public class ModelsResource {

    @Inject
    CnlpRuntime runtime;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Loaded pipelines, models and terminology",
            description = "Each served pipeline with its steps, versions, batching settings and counters, and for pipelines"
                    + " with a model step the bundle it loaded (id, name, base, parameters, tags, dev F1 and score, size on"
                    + " disk, engine and device settings); the model names requests may select (cnlp.models); the VQA model"
                    + " POST /vqa answers with (id, fusion, answer count, question encoder; absent when none is configured,"
                    + " status 'failed' with the problem when it did not load); the terminology"
                    + " index version; the device and the process's resident memory.")
    @APIResponse(responseCode = "200", description = "The server's models")
    public ModelsReport models() throws ProblemException {
        return ModelsReport.of(runtime.services());
    }
}
