package org.cnlp.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.cnlp.pipeline.batch.BatchSummary;
import org.cnlp.pipeline.batch.FolderBatch;
import org.cnlp.pipeline.batch.FolderBatchConfig;
import org.cnlp.pipeline.batch.RunInfo;
import org.cnlp.pipeline.input.DocumentSources;
import org.cnlp.pipeline.input.InputRejectedException;
import org.cnlp.pipeline.input.SourceDocument;
import org.cnlp.pipeline.input.TextValidator;
import org.cnlp.pipeline.io.json.CasJsonWriter;
import org.cnlp.pipeline.run.PipelineRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Benchmarks the folder batch route against the same pipeline called in-process on the same documents,"
                + " in the same run: (1) in memory: annotate and render JSON; (2) with the same file work on a plain thread"
                + " pool: read each input file, annotate, render, write the JSON atomically, move the original; (3) the Camel"
                + " route (file consumer, worker threads, output ledger, crash-safe order). Each round runs the three in turn (order alternating); figures are medians"
                + " over rounds, ratios medians of per-round ratios (robust to a busy machine). Target: route >= 90%%."})
final class BatchBenchCommand implements Callable<Integer> {

    /** The command this one is registered under: {@code cnlp bench} or {@code cnlp} itself. */
    @ParentCommand
    Object parent;

    @Option(names = "--pipeline", defaultValue = "dictionary", description = "Named pipeline (default: ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for all three (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--documents", defaultValue = "1254",
            description = "Documents per round, taken from the sample notes in turn (418 notes; default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--dir", description = "Folder for the benchmark's files (default: the work folder); e.g. a tmpfs"
            + " such as /dev/shm to measure without the disk.")
    Path dir;

    private CnlpHome home() {
        return switch (parent) {
            case Cnlp cnlp -> cnlp.home();
            case BenchCommand bench -> bench.parent.home();
            default -> throw new IllegalStateException("cnlp bench batch is registered under an unknown command");
        };
    }

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || rounds < 1 || count < 1) {
            throw new IllegalArgumentException("--threads, --rounds and --documents must be at least 1");
        }
        Installation installation = new Installation(home(), null);
        List<SourceDocument> documents = documents(installation.home());
        Path work = Files.createDirectories(dir == null ? installation.home().work() : dir)
                .resolve("bench-batch-" + ProcessHandle.current().pid());
        CasJsonWriter json = new CasJsonWriter(Set.of(), true);
        DocumentSources sources = new DocumentSources(new TextValidator());
        try (PipelineRunner runner = installation.openPipeline(pipeline, threads, System.err)) {
            inMemory(runner, documents.subList(0, Math.min(200, documents.size())), json);
            List<Double> memory = new ArrayList<>();
            List<Double> files = new ArrayList<>();
            List<Double> route = new ArrayList<>();
            List<Double> routeOverall = new ArrayList<>();
            List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                Path roundDir = work.resolve("round-" + round);
                Path inputs = writeInputs(documents, roundDir.resolve("src"));
                Path inbox = writeInputs(documents, roundDir.resolve("in"));
                double[] rates = new double[3];
                for (int step = 0; step < 3; step++) {
                    int which = round % 2 == 0 ? step : 2 - step;
                    long cpuBefore = processCpuNanos();
                    switch (which) {
                        case 0 -> rates[0] = documents.size() / inMemory(runner, documents, json);
                        case 1 -> rates[1] = documents.size() / withFiles(runner, sources, inputs, roundDir.resolve("files-out"), json);
                        default -> {
                            BatchSummary summary = route(runner, inbox, roundDir.resolve("out"));
                            if (summary.documents() != documents.size() || summary.inputsFailed() > 0) {
                                throw new IllegalStateException("the route annotated " + summary.documents() + " of "
                                        + documents.size() + " documents with " + summary.inputsFailed() + " failures");
                            }
                            rates[2] = summary.processingDocumentsPerSecond();
                            routeOverall.add(summary.documentsPerSecond());
                        }
                    }
                    cpu.get(which).add((processCpuNanos() - cpuBefore) / 1e6 / documents.size());
                }
                memory.add(rates[0]);
                files.add(rates[1]);
                route.add(rates[2]);
                deleteTree(roundDir);
            }
            System.out.printf(Locale.ROOT, "cnlp bench batch: '%s' pipeline, %d threads, %d documents (sample notes) per round,"
                    + " medians of %d rounds, %s %s on %d cores%n", pipeline, threads, documents.size(), rounds,
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "  in-process, in memory (annotate + render JSON)      : %8.1f docs/s, %.3f CPU ms/doc%n",
                    BenchCommand.median(memory), BenchCommand.median(cpu.get(0)));
            System.out.printf(Locale.ROOT, "  in-process, same file work (read, write, move)      : %8.1f docs/s, %.3f CPU ms/doc%n",
                    BenchCommand.median(files), BenchCommand.median(cpu.get(1)));
            System.out.printf(Locale.ROOT, "  Camel route                                         : %8.1f docs/s, %.3f CPU ms/doc"
                    + " (%.1f docs/s from open to stop)%n", BenchCommand.median(route), BenchCommand.median(cpu.get(2)),
                    BenchCommand.median(routeOverall));
            System.out.printf(Locale.ROOT, "  route / in-process, same file work : %5.1f%% of the docs/s, %5.1f%% of the docs per CPU second"
                    + "  target >= 90%%%n", 100 * medianRatio(route, files), 100 * medianRatio(cpu.get(1), cpu.get(2)));
            System.out.printf(Locale.ROOT, "  route / in-process, in memory      : %5.1f%% of the docs/s, %5.1f%% of the docs per CPU second%n",
                    100 * medianRatio(route, memory), 100 * medianRatio(cpu.get(0), cpu.get(2)));
            return 0;
        } finally {
            deleteTree(work);
        }
    }

    /** CPU time of this process (all its threads: workers, Camel, garbage collector, compiler). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double medianRatio(List<Double> numerators, List<Double> denominators) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < numerators.size(); i++) {
            ratios.add(numerators.get(i) / denominators.get(i));
        }
        return BenchCommand.median(ratios);
    }

    private List<SourceDocument> documents(CnlpHome home) throws IOException {
        DocumentSources sources = new DocumentSources(new TextValidator());
        List<SourceDocument> notes = new ArrayList<>();
        for (Path file : sources.expand(List.of(home.sampleNotes(), home.corpora().resolve("notes").resolve("mts-dialog-txt")))) {
            try {
                notes.addAll(sources.read(file));
            } catch (InputRejectedException e) {
                throw new IOException("sample note rejected: " + e.getMessage(), e);
            }
        }
        List<SourceDocument> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SourceDocument note = notes.get(i % notes.size());
            documents.add(SourceDocument.ofText("c" + i / notes.size() + "-" + note.id(), note.source(), note.text()));
        }
        return documents;
    }

    private static Path writeInputs(List<SourceDocument> documents, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (SourceDocument document : documents) {
            Files.writeString(dir.resolve(document.id() + ".txt"), document.text());
        }
        return dir;
    }

    /** Seconds to annotate and render all documents on the configured threads. */
    private double inMemory(PipelineRunner runner, List<SourceDocument> documents, CasJsonWriter json) throws Exception {
        return onThreads(documents, document -> {
            byte[] rendered = runner.process(document, jcas -> (json.toJson(jcas) + "\n").getBytes(StandardCharsets.UTF_8));
            if (rendered.length == 0) {
                throw new IllegalStateException("nothing rendered");
            }
        });
    }

    /**
     * Seconds to do a batch's file work without Camel, on the configured threads: read each input file, annotate,
     * render, write its JSON atomically (temporary name, rename), move the original to a done folder.
     */
    private double withFiles(PipelineRunner runner, DocumentSources sources, Path inputs, Path outputs, CasJsonWriter json)
            throws Exception {
        Files.createDirectories(outputs);
        Path done = Files.createDirectories(inputs.resolve(".done"));
        List<Path> files;
        try (Stream<Path> list = Files.list(inputs)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        return onThreads(files, file -> {
            for (SourceDocument document : sources.read(file)) {
                byte[] rendered = runner.process(document, jcas -> (json.toJson(jcas) + "\n").getBytes(StandardCharsets.UTF_8));
                Path temp = outputs.resolve("." + document.id() + ".tmp");
                Files.write(temp, rendered);
                Files.move(temp, outputs.resolve(document.id() + ".json"), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        void run(T item) throws Exception;
    }

    private <T> double onThreads(List<T> items, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            int chunk = (items.size() + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                List<T> part = items.subList(Math.min(items.size(), t * chunk), Math.min(items.size(), (t + 1) * chunk));
                futures.add(pool.submit(() -> {
                    for (T item : part) {
                        work.run(item);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the folder batch over the inbox until it is drained. */
    private BatchSummary route(PipelineRunner runner, Path inbox, Path outbox) throws Exception {
        FolderBatchConfig config = FolderBatchConfig.builder(inbox, outbox).threads(threads)
                .settleTime(Duration.ZERO).pollInterval(Duration.ofMillis(50)).build();
        try (FolderBatch batch = FolderBatch.open(config, runner, RunInfo.of(pipeline))) {
            batch.start();
            if (!batch.await(Duration.ofHours(1))) {
                throw new IllegalStateException("the route did not finish within an hour");
            }
            batch.stop();
            return batch.summary();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
