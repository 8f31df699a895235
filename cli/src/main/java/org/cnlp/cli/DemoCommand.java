package org.cnlp.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.pipeline.input.DocumentSources;
import org.cnlp.pipeline.input.TextValidator;
import org.cnlp.pipeline.io.json.CasJsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The main job on a fresh clone: build the terminology index if needed, annotate the sample notes "
                + "in corpora-samples with the default pipeline, write JSON per note and print a summary.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    Cnlp parent;

    @Option(names = "--pipeline", defaultValue = "dictionary", description = "Named pipeline (default: ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--threads", defaultValue = "2", description = "Documents annotated in parallel (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        Installation installation = new Installation(parent.home(), null);
        CnlpHome home = installation.home();
        Path out = home.work().resolve("demo-output");
        DocumentSources sources = new DocumentSources(new TextValidator());
        List<Path> files = sources.expand(List.of(home.sampleNotes(), home.corpora().resolve("notes").resolve("mts-dialog-txt")));
        System.out.printf("cnlp demo: annotating %d sample notes with the '%s' pipeline ...%n", files.size(), pipeline);
        try (PipelineRunner runner = installation.openPipeline(pipeline, threads, System.out)) {
            AnnotationJob job = new AnnotationJob(runner, sources, OutputFormat.json,
                    EnumSet.noneOf(CasJsonWriter.Include.class), new AnnotationJob.Target(out, System.out));
            AnnotationJob.Summary summary = job.run(files, threads, System.err);
            summary.stats().print(System.out, 10);
            System.out.printf("%d notes in %.1f s (%.1f notes/s, %d threads), %d failed; JSON per note in %s%n",
                    summary.documents(), summary.seconds(), summary.documentsPerSecond(), threads,
                    summary.failures().size(), out);
            return summary.failures().isEmpty() ? 0 : Cnlp.EXIT_PARTIAL_FAILURE;
        }
    }
}
