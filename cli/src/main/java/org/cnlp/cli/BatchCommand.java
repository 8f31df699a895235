package org.cnlp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cnlp.annotators.pipelines.PipelineDefinition;
import org.cnlp.pipeline.batch.BatchFormat;
import org.cnlp.pipeline.batch.BatchSummary;
import org.cnlp.pipeline.batch.FolderBatch;
import org.cnlp.pipeline.batch.FolderBatchConfig;
import org.cnlp.pipeline.batch.RunInfo;
import org.cnlp.pipeline.input.TextValidator;
import org.cnlp.pipeline.io.json.CasJsonWriter;
import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.terminology.index.IndexMetadata;
import org.cnlp.terminology.index.TerminologyIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Annotate every file of a folder on a Camel route, restart-safe.",
                "Inputs (.txt, .json documents, PubTator files) are taken from --in (recursively, hidden names skipped);"
                        + " each document's outputs are written atomically to --out (same sub-folder, named by document id);"
                        + " originals move to --in/.done/, or to --in/.error/ with a NAME.error.json report (stage, reason).",
                "Killed at any point, a new run over the same folders finishes them: no input lost or done twice.",
                "Writes batch-summary.json and batch-summary.txt to --out. Exit code 1 if any input failed."})
final class BatchCommand implements Callable<Integer> {

    @ParentCommand
    Cnlp parent;

    @Option(names = "--in", required = true, description = "Input folder (the inbox).")
    Path in;

    @Option(names = "--out", required = true, description = "Output folder; not inside --in.")
    Path out;

    @Option(names = "--pipeline", defaultValue = "dictionary", description = "Named pipeline (default: ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--threads", defaultValue = "2", description = "Files annotated in parallel (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--watch", description = "Keep watching --in for new files until interrupted (Ctrl-C stops gracefully).")
    boolean watch;

    @Option(names = "--format", split = ",", defaultValue = "json",
            description = "Output formats per document: json, xmi or both (json,xmi; default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--include", split = ",", description = "Extra JSON parts: ${COMPLETION-CANDIDATES}.")
    Set<CasJsonWriter.Include> include = EnumSet.noneOf(CasJsonWriter.Include.class);

    @Option(names = "--max-bytes", description = "Largest input file accepted (default: ${DEFAULT-VALUE}).")
    long maxBytes = TextValidator.DEFAULT_MAX_BYTES;

    @Option(names = "--settle-ms", defaultValue = "1000",
            description = "Take a file only once unmodified for this long, in ms (default: ${DEFAULT-VALUE}); "
                    + "0 if writers write under a hidden name and rename.")
    long settleMillis;

    @Option(names = "--poll-ms", defaultValue = "250", description = "How often --in is listed, in ms (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Option(names = "--fsync", description = "Force each output to disk before it becomes visible (survives power loss; slower).")
    boolean fsync;

    @Option(names = "--pipelines-file", description = "JSON file of extra or overriding pipeline definitions.")
    Path pipelinesFile;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || pollMillis < 1 || settleMillis < 0) {
            throw new IllegalArgumentException("--threads and --poll-ms must be at least 1, --settle-ms not negative");
        }
        if (!watch && !Files.isDirectory(in)) {
            throw new IllegalArgumentException("--in " + in + ": no such folder (with --watch it is created)");
        }
        Set<BatchFormat> outputFormats = EnumSet.noneOf(BatchFormat.class);
        formats.forEach(name -> outputFormats.add(BatchFormat.parse(name)));
        Installation installation = new Installation(parent.home(), pipelinesFile);
        PipelineDefinition definition = installation.catalog().get(pipeline);
        FolderBatchConfig config = FolderBatchConfig.builder(in, out)
                .formats(outputFormats).include(include).threads(threads).watch(watch).maxBytes(maxBytes).syncWrites(fsync)
                .settleTime(Duration.ofMillis(settleMillis)).pollInterval(Duration.ofMillis(pollMillis)).build();
        try (PipelineRunner runner = installation.openPipeline(pipeline, threads, System.err)) {
            RunInfo run = new RunInfo(pipeline, versions(installation, definition));
            try (FolderBatch batch = FolderBatch.open(config, runner, run)) {
                return run(batch, countInputs(in));
            }
        }
    }

    private Integer run(FolderBatch batch, long inputs) throws InterruptedException, IOException {
        CountDownLatch reported = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            batch.stop();
            try {
                reported.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cnlp-batch-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            batch.start();
            BatchProgress progress = new BatchProgress(inputs, watch, System.err);
            while (!batch.await(progress.interval())) {
                progress.update(batch.metrics());
            }
            batch.stop();
            progress.finish(batch.metrics());
            BatchSummary summary = batch.summary();
            summary.writeTo(out);
            System.err.print(summary.toText());
            System.err.println("cnlp batch: outputs and summary (" + BatchSummary.JSON_FILE + ") in " + out);
            return summary.inputsFailed() == 0 ? 0 : Cnlp.EXIT_PARTIAL_FAILURE;
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the report above, then lets the JVM exit
            }
        }
    }

    /** Files the batch would take now, for the progress bar's total. */
    private static long countInputs(Path inbox) throws IOException {
        if (!Files.isDirectory(inbox)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(inbox)) {
            // Image files are not inputs: the JSON documents that name them are.
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !org.cnlp.pipeline.input.DocumentSources.isImageFile(p))
                    .filter(p -> Stream.iterate(inbox.relativize(p), q -> q != null, Path::getParent)
                            .noneMatch(q -> q.getFileName().toString().startsWith(".")))
                    .count();
        }
    }

    private static Map<String, String> versions(Installation installation, PipelineDefinition definition) throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        String cnlp = Cnlp.class.getPackage().getImplementationVersion();
        versions.put("cnlp", cnlp == null ? "development build" : cnlp);
        versions.put("pipeline.steps", definition.steps().stream().map(PipelineDefinition.Step::step).collect(Collectors.joining(",")));
        try (TerminologyIndex index = TerminologyIndex.open(installation.terminologyIndex(System.err))) {
            IndexMetadata metadata = index.metadata();
            versions.put("terminology.builtAt", metadata.builtAt().toString());
            versions.put("terminology.format", Integer.toString(metadata.formatVersion()));
            versions.put("terminology.concepts", Integer.toString(metadata.concepts()));
            versions.put("terminology.sources", String.join(",", new java.util.TreeSet<>(metadata.conceptsBySource().keySet())));
        }
        return versions;
    }
}
