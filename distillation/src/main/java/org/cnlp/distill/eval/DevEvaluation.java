package org.cnlp.distill.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cnlp.distill.data.TrainingCorpus;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.TokenModel;
import org.cnlp.model.ner.LabelScheme;
import org.cnlp.model.ner.NerSpan;
import org.cnlp.model.ner.NerTagger;
import org.cnlp.model.ner.TokenClassifier;
import org.cnlp.model.weights.WeightSet;
import org.cnlp.pipeline.eval.NerEvaluation;
import org.cnlp.pipeline.eval.NerReport;
import org.cnlp.pipeline.eval.Span;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument;

/**
 * Scores weights on development corpora through the serving path ({@link NerTagger}): exact span
 * and type match F1 for every type a corpus annotates, keyed {@code corpus/Type}.
 */
public final class DevEvaluation {

    private DevEvaluation() {}

    /**
     * @param f1 F1 per {@code corpus/Type}
     * @param score the mean of those F1 values: what selects the best epoch
     * @param reports the full report per corpus
     */
    public record Scores(Map<String, Double> f1, double score, Map<String, NerReport> reports) {}

    /** Tags every document of each corpus with these weights and scores the result. */
    public static Scores evaluate(String name, LabelScheme scheme, int maxLength, String tokenizerJson, BertConfig config,
            WeightSet weights, String device, int batchSize, List<TrainingCorpus> corpora) {
        TokenModel model = TokenModel.create(new TokenClassifier(config, scheme.size()), weights, device);
        try (NerTagger tagger = NerTagger.wrap(name, scheme, maxLength, tokenizerJson, model, batchSize)) {
            return evaluate(tagger, corpora);
        }
    }

    /** Scores a loaded tagger. */
    public static Scores evaluate(NerTagger tagger, List<TrainingCorpus> corpora) {
        Map<String, Double> f1 = new TreeMap<>();
        Map<String, NerReport> reports = new TreeMap<>();
        for (TrainingCorpus corpus : corpora) {
            NerReport report = report(tagger, corpus.documents(), corpus.guideline());
            reports.put(corpus.name(), report);
            for (String type : tagger.scheme().types()) {
                if (corpus.annotatedTypes().contains(type)) {
                    f1.put(corpus.name() + "/" + type, report.counts(type).f1());
                }
            }
        }
        double score = f1.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new Scores(f1, score, reports);
    }

    /** The NER report of a tagger on gold documents (predicted types outside the gold's are counted too). */
    public static NerReport report(NerTagger tagger, List<PubTatorDocument> documents) {
        return report(tagger, documents, 0);
    }

    /** The NER report of a tagger on gold documents tagged under one of the model's annotation guidelines. */
    public static NerReport report(NerTagger tagger, List<PubTatorDocument> documents, int guideline) {
        List<List<NerSpan>> spans = tagger.tag(documents.stream().map(PubTatorDocument::text).toList(), guideline);
        NerEvaluation evaluation = new NerEvaluation();
        for (int d = 0; d < documents.size(); d++) {
            PubTatorDocument document = documents.get(d);
            List<Span> gold = document.mentions().stream().map(Span::of).toList();
            List<Span> predicted = new ArrayList<>();
            for (NerSpan span : spans.get(d)) {
                predicted.add(new Span(span.begin(), span.end(), span.type()));
            }
            evaluation.add(gold, predicted);
        }
        return evaluation.report();
    }
}
