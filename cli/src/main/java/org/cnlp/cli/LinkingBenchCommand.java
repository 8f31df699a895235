package org.cnlp.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument;
import org.cnlp.pipeline.io.pubtator.PubTatorReader;
import org.cnlp.terminology.index.TerminologyIndex;
import org.cnlp.terminology.knn.CudaProbe;
import org.cnlp.terminology.knn.KnnBench;
import org.cnlp.terminology.link.ConceptLinker;
import org.cnlp.terminology.link.LinkingMode;
import org.cnlp.terminology.model.Concept;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cnlp bench linking}: mentions linked per second, lexical against hybrid on the CPU, over
 * the gold mentions of a PubTator file; then exact top-k vector search, CPU against GPU (when one
 * is usable) at several collection sizes, all in one run.
 */
@Command(name = "linking", mixinStandardHelpOptions = true,
        description = {"Linking throughput (mentions/s), lexical vs hybrid (one mention per call, and batches of",
                "mentions embedded together), over the gold mentions of a PubTator file; then exact top-k cosine",
                "search over random unit vectors on the CPU and, when one is usable, on the GPU (JCuda),",
                "at each --vectors size. Medians of rounds, measured in one run."})
final class LinkingBenchCommand implements Callable<Integer> {

    @ParentCommand
    BenchCommand parent;

    @Option(names = "--gold", defaultValue = "corpora-samples/ncbi-disease/NCBIdevelopset_corpus.txt",
            description = "PubTator file whose mentions are linked (default: ${DEFAULT-VALUE}).")
    Path gold;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds per linker (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--vectors", defaultValue = "10000,100000,1000000", split = ",",
            description = "Vector counts for the kNN search (default: ${DEFAULT-VALUE}); empty to skip.")
    List<Integer> vectors;

    @Option(names = "--queries", defaultValue = "64", description = "Queries per kNN batch (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--device", defaultValue = "auto", description = "Exact-search device for hybrid linking (default: ${DEFAULT-VALUE}).")
    String device;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        Installation installation = new Installation(parent.parent.home(), null);
        List<String> mentions = new ArrayList<>();
        for (PubTatorDocument document : PubTatorReader.readAll(gold)) {
            document.mentions().forEach(mention -> mentions.add(mention.text()));
        }
        Predicate<Concept> any = concept -> true;
        System.out.printf(Locale.ROOT, "Linking %d gold mentions of %s, %d rounds, %s %s%n", mentions.size(), gold.getFileName(),
                rounds, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        try (TerminologyIndex index = TerminologyIndex.open(installation.terminologyIndex(System.err));
                LinkerStack stack = LinkerStack.open(installation, index, List.of(LinkingMode.HYBRID), device, System.err)) {
            ConceptLinker lexicalLinker = stack.linker(LinkingMode.LEXICAL);
            ConceptLinker hybridLinker = stack.linker(LinkingMode.HYBRID);
            double lexical = rate(mentions, names -> names.forEach(m -> lexicalLinker.best(m, any)));
            double hybrid = rate(mentions, names -> names.forEach(m -> hybridLinker.best(m, any)));
            double hybridBatched = rate(mentions, names -> {
                for (int start = 0; start < names.size(); start += 64) {
                    hybridLinker.linkAll(names.subList(start, Math.min(names.size(), start + 64)), any, 1);
                }
            });
            System.out.printf(Locale.ROOT, "%-34s %,12.0f mentions/s%n", "lexical", lexical);
            System.out.printf(Locale.ROOT, "%-34s %,12.0f mentions/s  (%.3f of lexical)%n", "hybrid, one mention per call",
                    hybrid, hybrid / lexical);
            System.out.printf(Locale.ROOT, "%-34s %,12.0f mentions/s  (%.3f of lexical)%n", "hybrid, batches of 64", hybridBatched,
                    hybridBatched / lexical);
        }
        if (!vectors.isEmpty()) {
            System.out.println();
            System.out.println("Exact top-10 cosine search, 384 dimensions, batches of " + queries + " queries; GPU: "
                    + CudaProbe.probe(0).reason());
            System.out.print(KnnBench.format(KnnBench.run(vectors, 384, queries, 10, true, System.err)));
        }
        return 0;
    }

    private double rate(List<String> mentions, java.util.function.Consumer<List<String>> work) {
        work.accept(mentions.subList(0, Math.min(100, mentions.size())));
        double[] perSecond = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            work.accept(mentions);
            perSecond[r] = mentions.size() / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(perSecond);
        return perSecond[rounds / 2];
    }
}
