package org.cnlp.annotators.assertion;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.annotators.internal.LineResources;
import org.cnlp.annotators.sentence.SentenceSpan;
import org.cnlp.annotators.sentence.SentenceSplitter;
import org.cnlp.annotators.token.TokenKind;
import org.cnlp.annotators.token.TokenNormalizer;
import org.cnlp.type.ClinicalEntity;
import org.cnlp.type.Section;
import org.cnlp.type.Sentence;
import org.cnlp.type.Token;

/**
 * Sets {@code polarity}, {@code uncertain}, {@code conditional}, {@code historical} and
 * {@code subject} of every existing {@link ClinicalEntity} with {@link ContextAnalyzer}.
 *
 * <p>Uses the {@link Sentence}s and {@link Token}s in the CAS; without sentences it splits the
 * text with {@link SentenceSplitter#standard()}, without tokens it tokenizes each sentence itself.
 * The {@link Section} name around an entity adds section context. An entity outside every
 * sentence gets only its section context.
 */
@TypeCapability(
        inputs = {
                "org.cnlp.type.ClinicalEntity",
                "org.cnlp.type.Sentence",
                "org.cnlp.type.Token", "org.cnlp.type.Token:norm", "org.cnlp.type.Token:kind",
                "org.cnlp.type.Section", "org.cnlp.type.Section:name"},
        outputs = {
                "org.cnlp.type.ClinicalEntity:polarity",
                "org.cnlp.type.ClinicalEntity:uncertain",
                "org.cnlp.type.ClinicalEntity:conditional",
                "org.cnlp.type.ClinicalEntity:historical",
                "org.cnlp.type.ClinicalEntity:subject"})
public class AssertionAnnotator extends JCasAnnotator_ImplBase {

    /** Path of a trigger lexicon replacing the bundled one; blank for the bundled lexicon. */
    public static final String PARAM_LEXICON = "lexicon";
    /** Words and numbers a trigger reaches past itself; default 8. */
    public static final String PARAM_MAX_SCOPE_TOKENS = "maxScopeTokens";
    /** Section names whose entities are historical; default pmh, psh. */
    public static final String PARAM_HISTORICAL_SECTIONS = "historicalSections";
    /** Section names whose entities are about a family member; default family_history. */
    public static final String PARAM_FAMILY_SECTIONS = "familySections";

    @ConfigurationParameter(name = PARAM_LEXICON, mandatory = false, defaultValue = "",
            description = "ConText trigger lexicon (TSV) replacing the bundled one; blank for the bundled lexicon.")
    private String lexicon;

    @ConfigurationParameter(name = PARAM_MAX_SCOPE_TOKENS, mandatory = false,
            defaultValue = "" + ContextSettings.DEFAULT_MAX_SCOPE_TOKENS,
            description = "Words and numbers a trigger reaches past itself, at most.")
    private int maxScopeTokens;

    @ConfigurationParameter(name = PARAM_HISTORICAL_SECTIONS, mandatory = false, defaultValue = {"pmh", "psh"},
            description = "Section names whose entities are historical.")
    private String[] historicalSections;

    @ConfigurationParameter(name = PARAM_FAMILY_SECTIONS, mandatory = false, defaultValue = {"family_history"},
            description = "Section names whose entities are about a family member.")
    private String[] familySections;

    private ContextAnalyzer analyzer;
    private SentenceSplitter fallbackSplitter;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        try {
            AssertionLexicon triggers = AssertionLexicon.parse(
                    LineResources.fileOrBundled(lexicon, AssertionLexicon.class, AssertionLexicon.BUNDLED));
            analyzer = new ContextAnalyzer(triggers,
                    new ContextSettings(maxScopeTokens, Set.copyOf(Arrays.asList(historicalSections)),
                            Set.copyOf(Arrays.asList(familySections))));
        } catch (IOException | IllegalArgumentException e) {
            throw new ResourceInitializationException(e);
        }
        fallbackSplitter = SentenceSplitter.standard();
    }

    /** Where a group of entities is assessed: a sentence (or the entity itself) and its section name. */
    private record Region(int begin, int end, String section) {
    }

    private record Span(int begin, int end) {
    }

    @Override
    public void process(JCas jcas) {
        String text = jcas.getDocumentText();
        List<ClinicalEntity> entities = new ArrayList<>(JCasUtil.select(jcas, ClinicalEntity.class));
        if (text == null || entities.isEmpty()) {
            return;
        }
        List<Span> sentences = sentenceSpans(jcas, text);
        List<Span> sections = new ArrayList<>();
        List<String> sectionNames = new ArrayList<>();
        for (Section section : JCasUtil.select(jcas, Section.class)) {
            sections.add(new Span(section.getBegin(), section.getEnd()));
            sectionNames.add(section.getName() == null ? "" : section.getName());
        }
        List<Token> tokens = new ArrayList<>(JCasUtil.select(jcas, Token.class));

        Map<Region, List<ClinicalEntity>> groups = new LinkedHashMap<>();
        for (ClinicalEntity entity : entities) {
            int s = containing(sentences, entity.getBegin());
            int sec = containing(sections, entity.getBegin());
            Region region = new Region(
                    s < 0 ? entity.getBegin() : sentences.get(s).begin(),
                    s < 0 ? entity.getEnd() : Math.max(sentences.get(s).end(), entity.getEnd()),
                    sec < 0 ? "" : sectionNames.get(sec));
            groups.computeIfAbsent(region, r -> new ArrayList<>()).add(entity);
        }
        groups.forEach((region, members) -> {
            List<LexToken> lexTokens = tokens.isEmpty()
                    ? ContextAnalyzer.tokens(text, region.begin(), region.end())
                    : lexTokens(tokens, text, region.begin(), region.end());
            List<EntitySpan> spans = members.stream().map(e -> new EntitySpan(e.getBegin(), e.getEnd())).toList();
            List<Assertion> assertions = analyzer.analyze(lexTokens, spans, region.section());
            for (int i = 0; i < assertions.size(); i++) {
                write(members.get(i), assertions.get(i));
            }
        });
    }

    private static void write(ClinicalEntity entity, Assertion assertion) {
        entity.setPolarity(assertion.polarity());
        entity.setUncertain(assertion.uncertain());
        entity.setConditional(assertion.conditional());
        entity.setHistorical(assertion.historical());
        entity.setSubject(assertion.subject().value());
    }

    private List<Span> sentenceSpans(JCas jcas, String text) {
        List<Span> out = new ArrayList<>();
        for (Sentence s : JCasUtil.select(jcas, Sentence.class)) {
            out.add(new Span(s.getBegin(), s.getEnd()));
        }
        if (out.isEmpty()) {
            for (SentenceSpan s : fallbackSplitter.split(text)) {
                out.add(new Span(s.begin(), s.end()));
            }
        }
        return out;
    }

    /** Tokens of the CAS inside {@code [begin, end)}; {@code tokens} are in index (begin) order. */
    private static List<LexToken> lexTokens(List<Token> tokens, String text, int begin, int end) {
        List<LexToken> out = new ArrayList<>();
        for (int i = firstAtOrAfter(tokens, begin); i < tokens.size() && tokens.get(i).getBegin() < end; i++) {
            Token t = tokens.get(i);
            if (t.getEnd() > end) {
                continue;
            }
            String norm = t.getNorm() != null ? t.getNorm() : TokenNormalizer.norm(text, t.getBegin(), t.getEnd());
            out.add(new LexToken(norm, t.getBegin(), t.getEnd(), counts(t, text)));
        }
        return out;
    }

    /** Words and numbers count toward the window; a kind this module does not know is judged by its first character. */
    private static boolean counts(Token token, String text) {
        String kind = token.getKind();
        if (kind != null) {
            for (TokenKind known : TokenKind.values()) {
                if (known.name().equals(kind)) {
                    return ContextAnalyzer.counts(known);
                }
            }
        }
        return Character.isLetterOrDigit(text.charAt(token.getBegin()));
    }

    private static int firstAtOrAfter(List<Token> tokens, int offset) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).getBegin() < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the last span in {@code spans} (in begin order) that starts at or before {@code offset} and holds it, or -1. */
    private static int containing(List<Span> spans, int offset) {
        int lo = 0;
        int hi = spans.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (spans.get(mid).begin() <= offset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && offset < spans.get(found).end() ? found : -1;
    }

    /** The engine with the bundled lexicon and default settings. */
    public static AnalysisEngineDescription description() throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(AssertionAnnotator.class);
    }

    /** The engine with the bundled lexicon and a scope window of {@code maxScopeTokens}. */
    public static AnalysisEngineDescription description(int maxScopeTokens) throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(AssertionAnnotator.class,
                PARAM_MAX_SCOPE_TOKENS, maxScopeTokens);
    }
}
