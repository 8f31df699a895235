package org.cnlp.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.pipeline.input.DocumentSources;
import org.cnlp.pipeline.input.TextValidator;
import org.cnlp.pipeline.io.json.CasJsonWriter;
import org.cnlp.pipeline.io.xmi.XmiIo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = {"Annotate notes with a named pipeline.",
                "INPUT may be text files, folders (walked recursively), .json documents ({\"id\",\"text\",\"metadata\"} or an array)"
                        + " or PubTator files. Bad files are reported and skipped; the exit code is 1 if any failed."})
final class AnnotateCommand implements Callable<Integer> {

    @ParentCommand
    Cnlp parent;

    @Option(names = "--pipeline", defaultValue = "dictionary", description = "Named pipeline (default: ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--format", defaultValue = "json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "json/xmi: one file per document; pubtator: one file per input file.")
    OutputFormat format;

    @Option(names = "--out", description = "Output folder; without it results go to standard output (JSON Lines or PubTator).")
    Path out;

    @Option(names = "--threads", defaultValue = "2", description = "Documents annotated in parallel (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--include", split = ",", description = "Extra JSON parts: ${COMPLETION-CANDIDATES}.")
    Set<CasJsonWriter.Include> include = EnumSet.noneOf(CasJsonWriter.Include.class);

    @Option(names = "--max-bytes", description = "Largest input file accepted (default: ${DEFAULT-VALUE}).")
    long maxBytes = TextValidator.DEFAULT_MAX_BYTES;

    @Option(names = "--pipelines-file", description = "JSON file of extra or overriding pipeline definitions.")
    Path pipelinesFile;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files or folders to annotate.")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        if (format == OutputFormat.xmi && out == null) {
            throw new IllegalArgumentException("--format xmi needs --out DIR (one .xmi file per document)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        Installation installation = new Installation(parent.home(), pipelinesFile);
        DocumentSources sources = new DocumentSources(new TextValidator(maxBytes));
        List<Path> files = sources.expand(inputs);
        if (format == OutputFormat.xmi) {
            java.nio.file.Files.createDirectories(out);
            XmiIo.writeTypeSystem(out.resolve("TypeSystem.xml"));
        }
        try (PipelineRunner runner = installation.openPipeline(pipeline, threads, System.err)) {
            AnnotationJob job = new AnnotationJob(runner, sources, format, include, new AnnotationJob.Target(out, System.out));
            AnnotationJob.Summary summary = job.run(files, threads, System.err);
            System.err.printf("cnlp annotate: %d files, %d documents, %d failed, %.1f s (%.1f docs/s)%s%n",
                    summary.files(), summary.documents(), summary.failures().size(), summary.seconds(),
                    summary.documentsPerSecond(), out == null ? "" : "; output in " + out);
            return summary.failures().isEmpty() ? 0 : Cnlp.EXIT_PARTIAL_FAILURE;
        }
    }
}
