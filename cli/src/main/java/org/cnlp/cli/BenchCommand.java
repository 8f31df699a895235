package org.cnlp.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.pipeline.input.DocumentSources;
import org.cnlp.pipeline.input.SourceDocument;
import org.cnlp.pipeline.input.TextValidator;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument;
import org.cnlp.pipeline.io.pubtator.PubTatorReader;
import org.cnlp.terminology.index.LookupBenchmark;
import org.cnlp.terminology.index.TerminologyIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {BatchBenchCommand.class, ServerBenchCommand.class, ModelBenchCommand.class, LinkingBenchCommand.class},
        description = {"Benchmarks on this machine, reported as medians of several rounds in one run:",
                "concept lookups/s (single-threaded, exact and ranked search, queries = the gold mention texts of the dev sets)",
                "and notes/s of a pipeline over the sample notes with 1 and N threads.",
                "Targets (dictionary pipeline, 2 cores): >= 20,000 lookups/s, >= 200 notes/s."})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    Cnlp parent;

    @Option(names = "--pipeline", defaultValue = "dictionary", description = "Named pipeline (default: ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds per figure (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for the parallel figure (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--lookup-seconds", defaultValue = "2", description = "Seconds per lookup round (default: ${DEFAULT-VALUE}).")
    int lookupSeconds;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || threads < 1 || lookupSeconds < 1) {
            throw new IllegalArgumentException("--rounds, --threads and --lookup-seconds must be at least 1");
        }
        Installation installation = new Installation(parent.home(), null);
        CnlpHome home = installation.home();
        Path indexDir = installation.terminologyIndex(System.err);
        System.out.printf("cnlp bench on %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        benchLookups(home, indexDir);
        benchPipeline(installation, home);
        benchModels(home);
        return 0;
    }

    /** The shipped NER bundles through PyTorch and ONNX Runtime (what {@code cnlp bench model} measures). */
    private static void benchModels(CnlpHome home) throws Exception {
        for (String name : java.util.List.of("ner-teacher", "ner-student")) {
            Path bundle = home.models().resolve(name);
            if (org.cnlp.model.ner.ModelBundle.isBundle(bundle)) {
                System.out.println();
                System.out.print(org.cnlp.model.bench.ModelBench.run(org.cnlp.model.ner.ModelBundle.open(bundle),
                        org.cnlp.model.bench.ModelBench.Settings.defaults()).toTable());
            }
        }
    }

    private void benchLookups(CnlpHome home, Path indexDir) throws Exception {
        List<String> queries = mentionTexts(home);
        try (TerminologyIndex index = TerminologyIndex.open(indexDir)) {
            LookupBenchmark.run(index, queries, Duration.ofSeconds(1));
            List<Double> exact = new ArrayList<>();
            List<Double> search = new ArrayList<>();
            LookupBenchmark.Result last = null;
            for (int i = 0; i < rounds; i++) {
                last = LookupBenchmark.run(index, queries, Duration.ofSeconds(lookupSeconds));
                exact.add(last.exactPerSecond());
                search.add(last.searchPerSecond());
            }
            System.out.printf("concept lookups, single thread, %d distinct gold mention texts (NCBI devel + BC5CDR dev):%n", queries.size());
            System.out.printf("  exact normalised lookup : %,10.0f lookups/s (median of %d; hit rate %.2f)  target >= 20,000%n",
                    median(exact), rounds, last.exactHitRate());
            System.out.printf("  ranked search (+fuzzy)  : %,10.0f lookups/s (median of %d; hit rate %.2f)%n",
                    median(search), rounds, last.searchHitRate());
        }
    }

    private void benchPipeline(Installation installation, CnlpHome home) throws Exception {
        DocumentSources sources = new DocumentSources(new TextValidator());
        List<SourceDocument> notes = new ArrayList<>();
        for (Path file : sources.expand(List.of(home.sampleNotes(), home.corpora().resolve("notes").resolve("mts-dialog-txt")))) {
            notes.addAll(sources.read(file));
        }
        long characters = notes.stream().mapToLong(n -> n.text().length()).sum();
        try (PipelineRunner runner = installation.openPipeline(pipeline, threads, System.err)) {
            runAll(runner, notes, threads);
            List<Double> single = new ArrayList<>();
            List<Double> parallel = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                single.add(notes.size() / runAll(runner, notes, 1));
                parallel.add(notes.size() / runAll(runner, notes, threads));
            }
            System.out.printf("'%s' pipeline over %d sample notes (%.1f KB average):%n", pipeline, notes.size(),
                    characters / 1024.0 / notes.size());
            System.out.printf("  1 thread   : %8.1f notes/s (median of %d)%n", median(single), rounds);
            System.out.printf("  %d threads  : %8.1f notes/s (median of %d)  target >= 200%n", threads, median(parallel), rounds);
        }
    }

    /** Seconds to annotate all notes on {@code threads} threads. */
    private static double runAll(PipelineRunner runner, List<SourceDocument> notes, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            int chunk = (notes.size() + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                List<SourceDocument> part = notes.subList(Math.min(notes.size(), t * chunk), Math.min(notes.size(), (t + 1) * chunk));
                futures.add(pool.submit(() -> {
                    for (SourceDocument note : part) {
                        runner.process(note, jcas -> jcas.getDocumentText().length());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> mentionTexts(CnlpHome home) throws Exception {
        Set<String> texts = new LinkedHashSet<>();
        for (Path gold : List.of(home.corpora().resolve("ncbi-disease/NCBIdevelopset_corpus.txt"),
                home.corpora().resolve("bc5cdr/CDR_DevelopmentSet.PubTator.txt"))) {
            for (PubTatorDocument doc : PubTatorReader.readAll(gold)) {
                doc.mentions().forEach(m -> texts.add(m.text()));
            }
        }
        return List.copyOf(texts);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
