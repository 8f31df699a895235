package org.cnlp.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cnlp.pipeline.batch.internal.AtomicWrites;
import org.cnlp.pipeline.internal.Json;

/**
 * What one run of a batch did: counts, failures with their stage and reason, throughput, and the
 * pipeline and versions that produced the outputs. Written as {@value #JSON_FILE} and
 * {@value #TEXT_FILE} next to the outputs by {@link #writeTo(Path)}.
 *
 * @param runId             unique id of the run
 * @param run               pipeline name and versions given by the caller
 * @param started           when the batch started
 * @param finished          when the summary was taken
 * @param threads           documents annotated in parallel
 * @param formats           output formats
 * @param inputsDone        inputs annotated and written
 * @param inputsFailed      inputs that failed (each with a {@link BatchFailure})
 * @param inputsVanished    inputs that disappeared before they could be read
 * @param documents         documents annotated and written
 * @param outputs           output files or records written
 * @param processingSeconds from the start of the first document to the end of the last one
 * @param models            model ids seen on the produced entities ({@code ClinicalEntity.modelId}) and answers
 *                          ({@code VqaAnswer.modelId})
 * @param failures          the failures, in the order they happened (at most {@link #MAX_LISTED_FAILURES})
 * @param failuresNotListed failures beyond those listed
 * @param imagesLeft        folder batch: image files left in the inbox once it has finished, named by no input (an
 *                          image is read through the JSON document that names it); 0 otherwise
 */
public record BatchSummary(String runId, RunInfo run, Instant started, Instant finished, int threads,
                           Set<BatchFormat> formats, long inputsDone, long inputsFailed, long inputsVanished,
                           long documents, long outputs, double processingSeconds, Set<String> models,
                           List<BatchFailure> failures, long failuresNotListed, long imagesLeft) {

    public static final String JSON_FILE = "batch-summary.json";
    public static final String TEXT_FILE = "batch-summary.txt";
    /** Failures kept in memory and listed in a summary; later ones are only counted. */
    public static final int MAX_LISTED_FAILURES = 10_000;

    public BatchSummary {
        formats = Set.copyOf(formats);
        models = Set.copyOf(new TreeSet<>(models));
        failures = List.copyOf(failures);
    }

    public double seconds() {
        return Duration.between(started, finished).toNanos() / 1e9;
    }

    /** Documents per second over the whole run, start-up and shut-down included. */
    public double documentsPerSecond() {
        return documents / Math.max(seconds(), 1e-9);
    }

    /** Documents per second from the first document's start to the last one's end. */
    public double processingDocumentsPerSecond() {
        return processingSeconds <= 0 ? 0 : documents / processingSeconds;
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.NODES.objectNode();
        root.put("schema", "cnlp-batch-summary");
        root.put("version", "1.0");
        root.put("runId", runId);
        root.put("pipeline", run.pipeline());
        ObjectNode versions = root.putObject("versions");
        run.sortedVersions().forEach(versions::put);
        ArrayNode modelIds = root.putArray("models");
        models.stream().sorted().forEach(modelIds::add);
        root.put("started", started.toString());
        root.put("finished", finished.toString());
        root.put("seconds", round(seconds()));
        root.put("threads", threads);
        ArrayNode formatNames = root.putArray("formats");
        formats.stream().sorted().forEach(f -> formatNames.add(f.label()));
        ObjectNode counts = root.putObject("counts");
        counts.put("inputsDone", inputsDone);
        counts.put("inputsFailed", inputsFailed);
        counts.put("inputsVanished", inputsVanished);
        counts.put("documents", documents);
        counts.put("outputs", outputs);
        counts.put("imagesLeft", imagesLeft);
        ObjectNode throughput = root.putObject("throughput");
        throughput.put("documentsPerSecond", round(documentsPerSecond()));
        throughput.put("processingDocumentsPerSecond", round(processingDocumentsPerSecond()));
        throughput.put("processingSeconds", round(processingSeconds));
        ArrayNode list = root.putArray("failures");
        for (BatchFailure failure : failures) {
            ObjectNode item = list.addObject();
            item.put("source", failure.source());
            item.put("stage", failure.stage().name());
            item.put("reason", failure.reason());
            item.put("message", failure.message());
            failure.documentId().ifPresent(id -> item.put("documentId", id));
        }
        root.put("failuresNotListed", failuresNotListed);
        return root;
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "cnlp batch %s: pipeline '%s', %d threads, %s%n", runId, run.pipeline(), threads,
                formats.stream().sorted().map(BatchFormat::label).collect(Collectors.joining("+"))));
        text.append(String.format(Locale.ROOT, "started %s, finished %s (%.1f s)%n", started, finished, seconds()));
        text.append(String.format(Locale.ROOT, "inputs: %d done, %d failed, %d vanished; documents: %d annotated, %d outputs written%n",
                inputsDone, inputsFailed, inputsVanished, documents, outputs));
        text.append(String.format(Locale.ROOT, "throughput: %.1f docs/s over the run, %.1f docs/s while processing%n",
                documentsPerSecond(), processingDocumentsPerSecond()));
        text.append("versions: ").append(run.sortedVersions().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))).append(System.lineSeparator());
        text.append("models: ").append(String.join(", ", models)).append(System.lineSeparator());
        if (imagesLeft > 0) {
            text.append(String.format(Locale.ROOT, "images: %d image files left in the inbox, named by no JSON document"
                    + " (an image is read through a JSON document with questions that names it)%n", imagesLeft));
        }
        if (!failures.isEmpty()) {
            text.append(String.format(Locale.ROOT, "failures (%d):%n", failures.size() + failuresNotListed));
            for (BatchFailure failure : failures) {
                text.append(String.format(Locale.ROOT, "  %-9s %-17s %s%n", failure.stage(), failure.reason(), failure.message()));
            }
            if (failuresNotListed > 0) {
                text.append(String.format(Locale.ROOT, "  ... and %d more%n", failuresNotListed));
            }
        }
        return text.toString();
    }

    /** Writes {@value #JSON_FILE} and {@value #TEXT_FILE} into {@code dir}, each atomically. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicWrites.write(dir.resolve(JSON_FILE), (Json.PRETTY.writeValueAsString(toJson()) + "\n").getBytes(StandardCharsets.UTF_8), false);
        AtomicWrites.write(dir.resolve(TEXT_FILE), toText().getBytes(StandardCharsets.UTF_8), false);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
