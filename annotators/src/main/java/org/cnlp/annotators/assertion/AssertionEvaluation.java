package org.cnlp.annotators.assertion;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.cnlp.annotators.internal.LineResources;
import org.cnlp.annotators.section.DetectedSection;
import org.cnlp.annotators.section.SectionDetector;
import org.cnlp.annotators.section.SectionHeaderTable;
import org.cnlp.annotators.sentence.SentenceSpan;
import org.cnlp.annotators.sentence.SentenceSplitter;

/**
 * Per-attribute accuracy of an assertion predictor on a labelled TSV set.
 *
 * <p>TSV columns: sentence, entity text (its first occurrence in the sentence is the mention),
 * polarity (1|-1), uncertain, conditional, historical (true|false), subject
 * (patient|family_member|other), optional section header. The note of an example is the
 * sentence, preceded by the header and a line break when there is one. Lines starting with
 * {@code #} are comments.
 */
public final class AssertionEvaluation {

    /** The attributes scored. */
    public enum Attribute { POLARITY, UNCERTAIN, CONDITIONAL, HISTORICAL, SUBJECT }

    /** One labelled mention. {@code line} is its 1-based position among the content lines. */
    public record GoldExample(int line, String sentence, String entity, Assertion expected, String sectionHeader) {

        public GoldExample {
            if (!sentence.contains(entity)) {
                throw new IllegalArgumentException("entity '" + entity + "' not in sentence at line " + line);
            }
        }

        /** The text the predictor sees. */
        public String note() {
            return sectionHeader.isBlank() ? sentence : sectionHeader + "\n" + sentence;
        }

        /** Begin of the mention in {@link #note()}. */
        public int entityBegin() {
            return note().length() - sentence.length() + sentence.indexOf(entity);
        }

        /** End of the mention in {@link #note()}. */
        public int entityEnd() {
            return entityBegin() + entity.length();
        }
    }

    /** An example with at least one attribute predicted wrong. */
    public record Mismatch(GoldExample example, Assertion predicted, Set<Attribute> wrong) {
    }

    /** Accuracy per attribute, the share of examples with every attribute right, and the misses. */
    public record Report(int examples, Map<Attribute, Double> accuracy, double allCorrect, List<Mismatch> mismatches) {

        public Report {
            accuracy = Map.copyOf(accuracy);
            mismatches = List.copyOf(mismatches);
        }

        /** One line per attribute, then the all-correct share. */
        public String format() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "examples     %d%n", examples));
            for (Attribute a : Attribute.values()) {
                out.append(String.format(Locale.ROOT, "%-12s %.3f%n", a.name().toLowerCase(Locale.ROOT), accuracy.get(a)));
            }
            out.append(String.format(Locale.ROOT, "all correct  %.3f%n", allCorrect));
            return out.toString();
        }
    }

    private AssertionEvaluation() {
    }

    /** Examples of a TSV file. */
    public static List<GoldExample> read(Path tsv) throws IOException {
        try (Reader reader = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    /** Examples of TSV text; the caller owns {@code reader}. */
    public static List<GoldExample> read(Reader reader) throws IOException {
        List<GoldExample> out = new ArrayList<>();
        int line = 0;
        for (String row : LineResources.read(reader)) {
            line++;
            String[] c = row.split("\t", -1);
            if (c.length < 7) {
                throw new IllegalArgumentException("expected 7 or 8 columns at content line " + line);
            }
            Assertion expected = new Assertion(Integer.parseInt(c[2].strip()), bool(c[3], line), bool(c[4], line),
                    bool(c[5], line), Subject.fromValue(c[6].strip()));
            out.add(new GoldExample(line, c[0], c[1], expected, c.length > 7 ? c[7].strip() : ""));
        }
        return List.copyOf(out);
    }

    private static boolean bool(String value, int line) {
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false at content line " + line + ": " + value);
        };
    }

    /** Scores {@code predictor} on {@code examples}. */
    public static Report evaluate(List<GoldExample> examples, Function<GoldExample, Assertion> predictor) {
        Map<Attribute, Integer> correct = new EnumMap<>(Attribute.class);
        for (Attribute a : Attribute.values()) {
            correct.put(a, 0);
        }
        int allCorrect = 0;
        List<Mismatch> mismatches = new ArrayList<>();
        for (GoldExample example : examples) {
            Assertion predicted = predictor.apply(example);
            Set<Attribute> wrong = wrongAttributes(example.expected(), predicted);
            for (Attribute a : Attribute.values()) {
                if (!wrong.contains(a)) {
                    correct.merge(a, 1, Integer::sum);
                }
            }
            if (wrong.isEmpty()) {
                allCorrect++;
            } else {
                mismatches.add(new Mismatch(example, predicted, wrong));
            }
        }
        int n = Math.max(1, examples.size());
        Map<Attribute, Double> accuracy = new EnumMap<>(Attribute.class);
        correct.forEach((a, k) -> accuracy.put(a, k / (double) n));
        return new Report(examples.size(), accuracy, allCorrect / (double) n, mismatches);
    }

    private static Set<Attribute> wrongAttributes(Assertion expected, Assertion predicted) {
        Set<Attribute> wrong = EnumSet.noneOf(Attribute.class);
        if (expected.polarity() != predicted.polarity()) {
            wrong.add(Attribute.POLARITY);
        }
        if (expected.uncertain() != predicted.uncertain()) {
            wrong.add(Attribute.UNCERTAIN);
        }
        if (expected.conditional() != predicted.conditional()) {
            wrong.add(Attribute.CONDITIONAL);
        }
        if (expected.historical() != predicted.historical()) {
            wrong.add(Attribute.HISTORICAL);
        }
        if (expected.subject() != predicted.subject()) {
            wrong.add(Attribute.SUBJECT);
        }
        return wrong;
    }

    /**
     * A predictor made of the plain classes the pipeline's engines use: sections, sentences
     * (header as its own sentence), tokens, ConText.
     */
    public static Function<GoldExample, Assertion> plainPredictor(
            SectionDetector sections, SentenceSplitter splitter, ContextAnalyzer analyzer) {
        return example -> {
            String note = example.note();
            int begin = example.entityBegin();
            List<DetectedSection> found = sections.detect(note);
            String sectionName = found.stream()
                    .filter(s -> s.begin() <= begin && begin < s.end())
                    .map(DetectedSection::name).findFirst().orElse("");
            List<SentenceSpan> sentences = splitter.split(note, found.stream()
                    .map(s -> new SentenceSplitter.Region(s.begin(), s.end(), s.headerBegin(), s.headerEnd()))
                    .toList());
            SentenceSpan sentence = sentences.stream()
                    .filter(s -> s.begin() <= begin && begin < s.end())
                    .findFirst().orElse(new SentenceSpan(begin, example.entityEnd()));
            List<LexToken> tokens = ContextAnalyzer.tokens(note, sentence.begin(),
                    Math.max(sentence.end(), example.entityEnd()));
            return analyzer.analyze(tokens, List.of(new EntitySpan(begin, example.entityEnd())), sectionName)
                    .getFirst();
        };
    }

    /** Scores the bundled tables and lexicon, default settings, on the TSV at {@code tsv}. */
    public static Report evaluateBundled(Path tsv) throws IOException {
        return evaluate(read(tsv), plainPredictor(
                new SectionDetector(SectionHeaderTable.bundled()),
                SentenceSplitter.standard(),
                new ContextAnalyzer(AssertionLexicon.bundled(), ContextSettings.defaults())));
    }
}
