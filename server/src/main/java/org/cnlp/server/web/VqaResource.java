package org.cnlp.server.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemJson;
import org.cnlp.server.runtime.CnlpRuntime;
import org.cnlp.server.runtime.Services;
import org.cnlp.server.vqa.VqaRequest;
import org.cnlp.server.vqa.VqaRequestParser;
import org.cnlp.server.vqa.VqaResponse;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /vqa}: questions about a medical image, answered by the configured VQA model. The body
 * is read within {@code cnlp.request.max-bytes} like {@code /annotate}'s, then parsed
 * ({@link VqaRequestParser}) and answered ({@link org.cnlp.server.vqa.VqaService}).
 */
@Path("vqa")
@ApplicationScoped
@Tag(name = "vqa", description = "Visual question answering over medical images")
public class VqaResource {

    @Inject
    CnlpRuntime runtime;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Timed(name = "cnlp.vqa.latency", absolute = true, description = "POST /vqa time, errors included")
    @Operation(summary = "Answer questions about a medical image",
            description = "multipart/form-data with an 'image' file part (JPEG or PNG) and one or more 'question' parts, or JSON"
                    + " {image: base64, questions: [...]} (or 'question': '...'). At most " + VqaRequestParser.MAX_QUESTIONS
                    + " questions. Each answer comes from the model's answer vocabulary, chosen among the answers of the"
                    + " question's kind: closed (yes/no, 'A or B?') or open. Answered with 503 when no VQA model is configured"
                    + " (cnlp.vqa.model).")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "image", type = SchemaType.STRING, format = "binary",
                            description = "the image file, JPEG or PNG"),
                    @SchemaProperty(name = "question", type = SchemaType.ARRAY, implementation = String.class,
                            description = "a question; repeat the part for more")}, requiredProperties = {"image", "question"})),
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "base64 image", value = ApiExamples.VQA_JSON_REQUEST))})
    @APIResponse(responseCode = "200", description = "One answer per question, in order", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "answers", value = ApiExamples.VQA_RESPONSE)))
    @APIResponse(responseCode = "400", description = "Missing image or question, empty question, malformed JSON or multipart,"
            + " invalid base64, or an image that cannot be read ('invalid-image', with its 'reason': EMPTY, NOT_AN_IMAGE,"
            + " UNSUPPORTED_FORMAT, TOO_MANY_PIXELS, TRUNCATED or UNREADABLE)",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, examples = @ExampleObject(name = "truncated image",
                    value = ApiExamples.VQA_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No 'Authorization: Bearer' credential")
    @APIResponse(responseCode = "403", description = "API key not accepted")
    @APIResponse(responseCode = "413", description = "Body over cnlp.request.max-bytes, or more than "
            + VqaRequestParser.MAX_QUESTIONS + " questions")
    @APIResponse(responseCode = "415", description = "Content-Type neither multipart/form-data nor application/json")
    @APIResponse(responseCode = "503", description = "No VQA model configured or it failed to load ('model-unavailable'), or the"
            + " server is not ready yet")
    public VqaResponse answerMultipart(InputStream body, @Context HttpHeaders headers) throws ProblemException, IOException {
        Services services = runtime.services();
        byte[] bytes = services.parser().readBody(body, headers.getLength());
        String boundary = headers.getMediaType() == null ? null : headers.getMediaType().getParameters().get("boundary");
        VqaRequest request = VqaRequestParser.parseMultipart(bytes, boundary);
        return services.vqa().answer(request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timed(name = "cnlp.vqa.json.latency", absolute = true, description = "POST /vqa (application/json) time, errors included")
    @Operation(hidden = true)
    public VqaResponse answerJson(InputStream body, @Context HttpHeaders headers) throws ProblemException, IOException {
        Services services = runtime.services();
        byte[] bytes = services.parser().readBody(body, headers.getLength());
        return services.vqa().answer(VqaRequestParser.parseJson(bytes));
    }
}
