package org.cnlp.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import org.cnlp.server.annotate.AnnotateRequest;
import org.cnlp.server.annotate.AnnotationResult;
import org.cnlp.server.annotate.AnnotationService.BatchResult;
import org.cnlp.server.annotate.OutputFormat;
import org.cnlp.server.annotate.RequestParser;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemJson;
import org.cnlp.server.problem.ProblemType;
import org.cnlp.server.runtime.CnlpRuntime;
import org.cnlp.server.runtime.Services;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /annotate} and {@code POST /annotate/batch}: reads the body within limits and hands it to the services. */
@Path("annotate")
@ApplicationScoped
@Tag(name = "annotate", description = "Annotate clinical notes")
public class AnnotateResource {

    private static final String PIPELINE_HEADER = "X-Cnlp-Pipeline";
    private static final List<Variant> VARIANTS = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
            MediaType.valueOf(OutputFormat.XMI_MEDIA_TYPE)).build();

    @Inject
    CnlpRuntime runtime;

    @Inject
    CurrentRequest current;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, OutputFormat.XMI_MEDIA_TYPE})
    @Timed(name = "cnlp.annotate.latency", absolute = true, description = "POST /annotate time, errors included")
    @Operation(summary = "Annotate one note",
            description = "JSON {text, id?, pipeline?, model?, include?} in; the cnlp-annotations JSON (the schema the CLI writes)"
                    + " out, or the CAS as XMI with 'Accept: " + OutputFormat.XMI_MEDIA_TYPE + "'. 'model' selects a transformer"
                    + " model (teacher, student) once one is installed; until then it is answered with 400 listing the served"
                    + " models. 'include' adds TEXT, SENTENCES and/or TOKENS.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "note", value = ApiExamples.ANNOTATE_REQUEST)),
            @Content(mediaType = MediaType.TEXT_PLAIN, examples = @ExampleObject(name = "plain note", value = ApiExamples.ANNOTATE_TEXT))})
    @APIResponse(responseCode = "200", description = "The annotated note", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "annotations", value = ApiExamples.ANNOTATE_RESPONSE)),
            @Content(mediaType = OutputFormat.XMI_MEDIA_TYPE)})
    @APIResponse(responseCode = "400", description = "Empty text, malformed JSON, invalid UTF-8, unknown field, pipeline or model",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, examples = @ExampleObject(name = "unknown pipeline", value = ApiExamples.PROBLEM)))
    @APIResponse(responseCode = "401", description = "No 'Authorization: Bearer' credential")
    @APIResponse(responseCode = "403", description = "API key not accepted")
    @APIResponse(responseCode = "413", description = "Body over cnlp.request.max-bytes")
    @APIResponse(responseCode = "415", description = "Content-Type neither application/json nor text/plain, or not UTF-8")
    @APIResponse(responseCode = "429", description = "Queue full; retry after the Retry-After seconds")
    @APIResponse(responseCode = "503", description = "Not ready yet (pipelines loading), stopping, or timed out")
    public Response annotateJson(InputStream body, @Context HttpHeaders headers, @Context Request request)
            throws ProblemException, IOException {
        Services services = runtime.services();
        OutputFormat format = format(request);
        checkUtf8(headers);
        byte[] bytes = services.parser().readBody(body, headers.getLength());
        AnnotateRequest parsed = services.parser().parseJson(bytes, current.id());
        return ok(services.annotation().annotate(parsed, format));
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces({MediaType.APPLICATION_JSON, OutputFormat.XMI_MEDIA_TYPE})
    @Timed(name = "cnlp.annotate.text.latency", absolute = true, description = "POST /annotate (text/plain) time")
    @Operation(hidden = true)
    public Response annotateText(InputStream body, @Context HttpHeaders headers, @Context Request request,
            @Parameter(description = "document id (default: the request id)") @QueryParam("id") String id,
            @Parameter(description = "named pipeline (default: the server's default)") @QueryParam("pipeline") String pipeline,
            @Parameter(description = "model: teacher or student, once installed") @QueryParam("model") String model,
            @Parameter(description = "TEXT, SENTENCES, TOKENS (repeat or comma-separate)") @QueryParam("include") List<String> include)
            throws ProblemException, IOException {
        Services services = runtime.services();
        OutputFormat format = format(request);
        checkUtf8(headers);
        byte[] bytes = services.parser().readBody(body, headers.getLength());
        AnnotateRequest parsed = services.parser().parseText(bytes, current.id(), new RequestParser.TextOptions(
                Optional.ofNullable(id), Optional.ofNullable(pipeline), Optional.ofNullable(model), include));
        return ok(services.annotation().annotate(parsed, format));
    }

    @POST
    @Path("batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timed(name = "cnlp.annotate.batch.latency", absolute = true, description = "POST /annotate/batch time")
    @Operation(summary = "Annotate many notes in one call",
            description = "{documents: [{text, id?}], pipeline?, model?, include?}; at most cnlp.batch.max-documents documents."
                    + " The results come in request order, each with its index and id, and either 'annotations' (status 200)"
                    + " or its own 'problem' (for example an empty text), so one bad document does not fail the others.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "two notes", value = ApiExamples.BATCH_REQUEST)))
    @APIResponse(responseCode = "200", description = "One result per document, in order", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "results", value = ApiExamples.BATCH_RESPONSE)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, invalid UTF-8, no documents, unknown pipeline or model",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body over cnlp.request.max-bytes or more documents than cnlp.batch.max-documents")
    @APIResponse(responseCode = "429", description = "Queue full; retry after the Retry-After seconds")
    public Response annotateBatch(InputStream body, @Context HttpHeaders headers) throws ProblemException, IOException {
        Services services = runtime.services();
        checkUtf8(headers);
        byte[] bytes = services.parser().readBody(body, headers.getLength());
        BatchResult result = services.annotation().annotateBatch(services.parser().parseBatch(bytes, current.id()), current.id());
        return Response.ok(result.json(), MediaType.APPLICATION_JSON_TYPE).header(PIPELINE_HEADER, result.pipeline()).build();
    }

    private static OutputFormat format(Request request) {
        Variant chosen = request.selectVariant(VARIANTS);
        return chosen != null && OutputFormat.XMI_MEDIA_TYPE.equals(chosen.getMediaType().getType() + "/"
                + chosen.getMediaType().getSubtype()) ? OutputFormat.XMI : OutputFormat.JSON;
    }

    private static void checkUtf8(HttpHeaders headers) throws ProblemException {
        String charset = headers.getMediaType() == null ? null : headers.getMediaType().getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !List.of("utf-8", "utf8").contains(charset.strip().toLowerCase(Locale.ROOT))) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "charset " + charset.strip()
                    + " is not supported; send UTF-8");
        }
    }

    private static Response ok(AnnotationResult result) {
        return Response.ok(result.body(), result.format().mediaType()).header(PIPELINE_HEADER, result.pipeline()).build();
    }
}
