package org.cnlp.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.cnlp.annotators.lookup.EntityLinkingAnnotator;
import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.pipeline.eval.EntityTypes;
import org.cnlp.pipeline.eval.EvaluationReport;
import org.cnlp.pipeline.eval.LinkedConcept;
import org.cnlp.pipeline.eval.Linker;
import org.cnlp.pipeline.eval.LinkingEvaluation;
import org.cnlp.pipeline.eval.LinkingReport;
import org.cnlp.pipeline.eval.NerEvaluation;
import org.cnlp.pipeline.eval.NerReport;
import org.cnlp.pipeline.input.SourceDocument;
import org.cnlp.pipeline.io.pubtator.PubTatorCas;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument;
import org.cnlp.pipeline.io.pubtator.PubTatorReader;
import org.cnlp.terminology.index.TerminologyIndex;
import org.cnlp.terminology.link.ConceptLinker;
import org.cnlp.terminology.link.DocumentAbbreviations;
import org.cnlp.terminology.link.LinkingMode;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a pipeline against a PubTator gold file.",
                "NER: exact character-span precision/recall/F1 per type and micro-averaged.",
                "Linking: accuracy@1 of the terminology search on the gold mentions (right when the concept's id or xrefs"
                        + " contain the gold MeSH/OMIM id), with the gold ids the index cannot reach reported apart."})
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    Cnlp parent;

    @Option(names = "--gold", required = true, description = "PubTator gold file (e.g. corpora-samples/ncbi-disease/NCBIdevelopset_corpus.txt).")
    Path gold;

    @Option(names = "--pipeline", defaultValue = "dictionary", description = "Named pipeline (default: ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--threads", defaultValue = "2", description = "Documents annotated in parallel (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Write the report as JSON to this file ('-' for standard output).")
    String json;

    @Option(names = "--skip-linking", description = "Evaluate NER only.")
    boolean skipLinking;

    @Option(names = "--linking", defaultValue = "lexical", split = ",",
            description = {"Linkers to evaluate on the gold mentions, side by side: lexical, dense, hybrid, or all "
                    + "(default: ${DEFAULT-VALUE}). dense and hybrid embed the concept names on first use "
                    + "('cnlp terminology embed')."})
    List<String> linking;

    @Option(names = "--device", defaultValue = "auto",
            description = "Where exact vector search runs: auto, cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Override
    public Integer call() throws Exception {
        List<LinkingMode> modes = linkingModes(linking);
        List<PubTatorDocument> documents = PubTatorReader.readAll(gold);
        Installation installation = new Installation(parent.home(), null);
        Map<String, List<PubTatorDocument.Mention>> predicted = annotate(installation, documents);
        NerReport ner = NerEvaluation.evaluate(documents, predicted);
        SequencedMap<String, LinkingReport> linkingReports = new LinkedHashMap<>();
        if (!skipLinking) {
            try (TerminologyIndex index = TerminologyIndex.open(installation.terminologyIndex(System.err));
                    LinkerStack stack = LinkerStack.open(installation, index, modes, device, System.err)) {
                Set<String> reachable = reachableIds(index);
                for (LinkingMode mode : modes) {
                    linkingReports.put(mode.name().toLowerCase(Locale.ROOT),
                            LinkingEvaluation.evaluate(documents, linker(stack.linker(mode)), reachable::contains));
                }
            }
        }
        EvaluationReport report = EvaluationReport.compared(pipeline + " on " + gold.getFileName(), ner, linkingReports);
        if ("-".equals(json)) {
            report.writeJson(System.out);
            System.out.println();
        } else {
            System.out.println(report.toTable());
            if (json != null) {
                try (OutputStream out = Files.newOutputStream(Path.of(json))) {
                    report.writeJson(out);
                }
                System.out.println("JSON report: " + json);
            }
        }
        return 0;
    }

    private Map<String, List<PubTatorDocument.Mention>> annotate(Installation installation, List<PubTatorDocument> documents)
            throws Exception {
        Map<String, List<PubTatorDocument.Mention>> predicted = new LinkedHashMap<>();
        Progress progress = new Progress("docs", documents.size(), System.err);
        try (PipelineRunner runner = installation.openPipeline(pipeline, 1, System.err)) {
            for (PubTatorDocument doc : documents) {
                SourceDocument source = new SourceDocument(doc.pmid(), gold.toString(), "pubtator", doc.text(), doc.titleEnd(), Map.of());
                predicted.put(doc.pmid(), runner.process(source, PubTatorCas::mentions));
                progress.succeeded();
            }
        }
        progress.finish();
        return predicted;
    }

    /** The modes named by {@code --linking}, in order, {@code all} standing for the three. */
    static List<LinkingMode> linkingModes(List<String> names) {
        Set<LinkingMode> modes = new LinkedHashSet<>();
        for (String name : names) {
            if (name.strip().equalsIgnoreCase("all")) {
                modes.addAll(List.of(LinkingMode.values()));
            } else {
                modes.add(LinkingMode.parse(name));
            }
        }
        return List.copyOf(modes);
    }

    /**
     * Links a gold mention to the best candidate of a compatible semantic group
     * (Chemical for chemicals; Disease or Phenotype for diseases).
     */
    static Linker linker(ConceptLinker conceptLinker) {
        return linker(conceptLinker, DocumentAbbreviations.NONE);
    }

    /**
     * As {@link #linker(ConceptLinker)}, the way the pipeline's linking step keeps a mention's
     * first link: a short form the document defines is read as its long form ("WAS" →
     * "Wiskott-Aldrich syndrome"), and the first of the best three candidates whose score reaches
     * the step's default minimum (0.5) is the answer.
     */
    private static Linker linker(ConceptLinker conceptLinker, DocumentAbbreviations abbreviations) {
        return new Linker() {
            @Override
            public Optional<LinkedConcept> link(String mentionText, String type) {
                return conceptLinker.best(abbreviations, mentionText, concept -> compatible(concept, type),
                                EntityLinkingAnnotator.DEFAULT_MAX_CONCEPTS, EntityLinkingAnnotator.DEFAULT_MIN_SCORE)
                        .map(candidate -> new LinkedConcept(candidate.concept().id(), candidate.concept().xrefs()));
            }

            @Override
            public Linker forDocument(String documentText) {
                return linker(conceptLinker, conceptLinker.abbreviations(documentText));
            }
        };
    }


    private static boolean compatible(Concept concept, String type) {
        boolean chemical = SemanticGroups.CHEMICAL.equals(concept.semanticGroup());
        return EntityTypes.CHEMICAL.equals(EntityTypes.normalise(type)) == chemical;
    }

    static Set<String> reachableIds(TerminologyIndex index) {
        Set<String> ids = new HashSet<>();
        index.forEachConcept(concept -> {
            ids.add(concept.id());
            ids.addAll(concept.xrefs());
        });
        return ids;
    }
}
