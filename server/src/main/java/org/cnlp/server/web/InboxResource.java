package org.cnlp.server.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cnlp.server.inbox.Inbox;
import org.cnlp.server.inbox.InboxStatus;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.runtime.CnlpRuntime;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /inbox}. */
@Path("inbox")
@ApplicationScoped
@Tag(name = "inbox", description = "The folder the server annotates files from")
public class InboxResource {

    @Inject
    CnlpRuntime runtime;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Inbox/outbox status",
            description = "Whether the inbox is on (cnlp.inbox.dir and cnlp.outbox.dir set); when it is: its folders, pipeline"
                    + " and threads, state (watching or stopped), counters (files done, failed, vanished, in flight; documents;"
                    + " documents per second; the same values as the cnlp_inbox_* metrics) and the run so far (run id, start,"
                    + " outputs, versions, model ids, the latest failures with stage, reason code and message). Files dropped"
                    + " into the inbox are annotated to JSON in the outbox and moved to inbox/.done/ or inbox/.error/.")
    @APIResponse(responseCode = "200", description = "The inbox's status; {\"enabled\": false, \"state\": \"disabled\"} when off")
    public InboxStatus inbox() throws ProblemException {
        return runtime.services().inbox().map(Inbox::status).orElseGet(InboxStatus::disabled);
    }
}
