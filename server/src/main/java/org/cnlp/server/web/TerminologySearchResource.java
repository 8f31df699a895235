package org.cnlp.server.web;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemJson;
import org.cnlp.server.runtime.CnlpRuntime;
import org.cnlp.server.terminology.SearchResponse;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /terminology/search?q=&top=}. */
@Path("terminology")
@ApplicationScoped
@Tag(name = "terminology", description = "Search the concept index")
public class TerminologySearchResource {

    @Inject
    CnlpRuntime runtime;

    @GET
    @Path("search")
    @Produces(MediaType.APPLICATION_JSON)
    @Timed(name = "cnlp.terminology.search.latency", absolute = true, description = "GET /terminology/search time")
    @Operation(summary = "Find concepts by name",
            description = "Ranked search (exact, abbreviation, stem, word overlap, fuzzy) over Disease Ontology, HPO and the chemical lexicon.")
    @APIResponse(responseCode = "200", description = "Concepts, best first", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "heart attack", value = ApiExamples.SEARCH_RESPONSE)))
    @APIResponse(responseCode = "400", description = "Missing or blank q, q over 256 characters, top outside 1..100",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE))
    public SearchResponse search(
            @Parameter(description = "the name to look up", example = "heart attack") @QueryParam("q") String q,
            @Parameter(description = "how many concepts (1-100, default 10)", example = "5") @QueryParam("top") String top)
            throws ProblemException {
        return runtime.services().search().search(Optional.ofNullable(q), Optional.ofNullable(top));
    }
}
