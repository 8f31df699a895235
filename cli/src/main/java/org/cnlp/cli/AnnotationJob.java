package org.cnlp.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cnlp.pipeline.run.PipelineException;
import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.pipeline.input.DocumentSources;
import org.cnlp.pipeline.input.InputRejectedException;
import org.cnlp.pipeline.input.SourceDocument;
import org.cnlp.pipeline.io.json.CasJsonWriter;

/**
 * Annotates files with a pipeline on a few threads and writes one output per document (JSON,
 * XMI) or per input file (PubTator), atomically. A file that cannot be read or annotated is
 * reported and skipped; the others go on.
 */
final class AnnotationJob {

    /** Where results go: a folder, or standard output when none is given. */
    record Target(Path outDir, PrintStream stdout) {
    }

    record Failure(Path file, String reason) {
    }

    record Summary(int files, int documents, List<Failure> failures, double seconds, AnnotationStats stats) {
        double documentsPerSecond() {
            return documents / Math.max(seconds, 1e-9);
        }
    }

    private final PipelineRunner runner;
    private final DocumentSources sources;
    private final OutputFormat format;
    private final Set<CasJsonWriter.Include> include;
    private final Target target;

    AnnotationJob(PipelineRunner runner, DocumentSources sources, OutputFormat format, Set<CasJsonWriter.Include> include,
                  Target target) {
        this.runner = runner;
        this.sources = sources;
        this.format = format;
        this.include = include;
        this.target = target;
    }

    Summary run(List<Path> files, int threads, PrintStream err) throws InterruptedException {
        AnnotationStats stats = new AnnotationStats();
        Progress progress = new Progress("files", files.size(), err);
        List<Failure> failures = new ArrayList<>();
        int documents = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("annotate-", 0).daemon().factory());
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Path file : files) {
                results.add(pool.submit(() -> annotateFile(file, stats)));
            }
            for (int i = 0; i < files.size(); i++) {
                try {
                    documents += results.get(i).get();
                    progress.succeeded();
                } catch (ExecutionException e) {
                    Failure failure = new Failure(files.get(i), e.getCause().getMessage());
                    failures.add(failure);
                    err.println("FAILED " + failure.reason());
                    progress.failed();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        progress.finish();
        return new Summary(files.size(), documents, List.copyOf(failures), progress.seconds(), stats);
    }

    private int annotateFile(Path file, AnnotationStats stats) throws InputRejectedException, PipelineException, IOException {
        List<SourceDocument> documents = sources.read(file);
        boolean pretty = target.outDir() != null;
        ByteArrayOutputStream combined = new ByteArrayOutputStream();
        for (SourceDocument document : documents) {
            byte[] rendered = runner.process(document, jcas -> {
                stats.add(jcas);
                return format.render(jcas, include, pretty);
            });
            if (format.perDocument() && target.outDir() != null) {
                AtomicFiles.write(target.outDir().resolve(safeName(document.id()) + format.extension()), rendered);
            } else {
                combined.writeBytes(rendered);
            }
        }
        if (target.outDir() == null) {
            synchronized (target.stdout()) {
                target.stdout().write(combined.toByteArray());
                target.stdout().flush();
            }
        } else if (!format.perDocument()) {
            AtomicFiles.write(target.outDir().resolve(safeName(stem(file)) + format.extension()), combined.toByteArray());
        }
        return documents.size();
    }

    static String safeName(String id) {
        String cleaned = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
