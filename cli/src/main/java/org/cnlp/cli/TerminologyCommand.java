package org.cnlp.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cnlp.model.embed.SentenceEmbedder;
import org.cnlp.terminology.build.TerminologyBuilder;
import org.cnlp.terminology.index.ConceptMatch;
import org.cnlp.terminology.index.TerminologyIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "terminology", mixinStandardHelpOptions = true,
        description = "Build and search the Lucene terminology index.",
        subcommands = {TerminologyCommand.Build.class, TerminologyCommand.Search.class, TerminologyCommand.Embed.class})
final class TerminologyCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    Cnlp parent;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build the index from the Disease Ontology (2026 reports + 2015 OBO synonyms), HPO 2015, "
                    + "the BC5CDR-train chemical lexicon and the curated abbreviations.")
    static final class Build implements Callable<Integer> {

        @ParentCommand
        TerminologyCommand parent;

        @Option(names = "--from", description = "corpora-samples folder to build from (default: the repository's).")
        Path from;

        @Option(names = "--index", description = "Index folder to write (default: work/terminology-index).")
        Path index;

        @Override
        public Integer call() throws Exception {
            CnlpHome home = parent.parent.home();
            Path source = from == null ? home.requireCorpora() : from;
            Path target = index == null ? home.terminologyIndex() : index;
            System.out.println(TerminologyBuilder.build(source, target));
            return 0;
        }
    }

    @Command(name = "embed", mixinStandardHelpOptions = true,
            description = {"Embed every concept name of the terminology index with bge-small-en-v1.5 ([CLS], unit length) and "
                    + "store the vectors in a Lucene index with an HNSW graph, for dense and hybrid linking.",
                    "About 45,000 names; a few minutes on 2 cores. Rerun after 'cnlp terminology build'."})
    static final class Embed implements Callable<Integer> {

        @ParentCommand
        TerminologyCommand parent;

        @Option(names = "--index", description = "Terminology index folder (default: work/terminology-index, built if missing).")
        Path index;

        @Option(names = "--out", description = "Vector folder to write (default: concept-vectors beside the index, where the"
                + " pipelines and the server look).")
        Path out;

        @Override
        public Integer call() throws Exception {
            Installation installation = new Installation(parent.parent.home(), null);
            Path dir = index == null ? installation.terminologyIndex(System.err) : index;
            Path target = out == null ? org.cnlp.terminology.dense.DenseIndexes.besideIndex(dir) : out;
            try (TerminologyIndex terminology = TerminologyIndex.open(dir);
                    SentenceEmbedder embedder = SentenceEmbedder.bgeSmall()) {
                Installation.embedConcepts(terminology, embedder, target, System.err);
            }
            return 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Ranked concept search: exact, abbreviation, stem/plural, token and fuzzy (spelling) matches.")
    static final class Search implements Callable<Integer> {

        @ParentCommand
        TerminologyCommand parent;

        @Parameters(arity = "1", paramLabel = "TEXT", description = "Text to look up, e.g. \"heart attack\".")
        String text;

        @Option(names = "--top", defaultValue = "5", description = "Results to show (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Option(names = "--index", description = "Index folder (default: work/terminology-index, built if missing).")
        Path index;

        @Override
        public Integer call() throws Exception {
            if (top < 1) {
                throw new IllegalArgumentException("--top must be at least 1");
            }
            Path dir = index == null ? new Installation(parent.parent.home(), null).terminologyIndex(System.err) : index;
            try (TerminologyIndex terminology = TerminologyIndex.open(dir)) {
                List<ConceptMatch> matches = terminology.search(text, top);
                if (json) {
                    printJson(matches);
                } else {
                    printTable(matches);
                }
                return matches.isEmpty() ? 1 : 0;
            }
        }

        private void printTable(List<ConceptMatch> matches) {
            if (matches.isEmpty()) {
                System.out.println("no concept found for \"" + text + "\"");
                return;
            }
            System.out.printf("%-4s %-6s %-12s %-16s %-40s %s%n", "rank", "score", "match", "id", "preferred term", "matched name");
            int rank = 1;
            for (ConceptMatch m : matches) {
                System.out.printf("%-4d %-6.3f %-12s %-16s %-40s %s%n", rank++, m.score(), m.matchType(), m.concept().id(),
                        m.concept().preferredTerm(), m.matchedName());
            }
        }

        private void printJson(List<ConceptMatch> matches) throws Exception {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = mapper.createObjectNode().put("query", text);
            ArrayNode results = root.putArray("results");
            for (ConceptMatch m : matches) {
                ObjectNode r = results.addObject();
                r.put("id", m.concept().id()).put("preferredTerm", m.concept().preferredTerm())
                        .put("semanticGroup", m.concept().semanticGroup()).put("source", m.concept().source())
                        .put("score", m.score()).put("matchType", m.matchType().name()).put("matchedName", m.matchedName());
                m.concept().xrefs().forEach(r.putArray("xrefs")::add);
            }
            System.out.println(mapper.writeValueAsString(root));
        }
    }
}
