package org.cnlp.pipeline.io.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.uima.cas.CASException;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FSArray;
import org.apache.uima.jcas.cas.StringArray;
import org.cnlp.pipeline.internal.Json;
import org.cnlp.pipeline.vqa.VqaViews;
import org.cnlp.type.ClinicalEntity;
import org.cnlp.type.ConceptLink;
import org.cnlp.type.DocumentMetadata;
import org.cnlp.type.ImageMetadata;
import org.cnlp.type.Section;
import org.cnlp.type.Sentence;
import org.cnlp.type.Token;
import org.cnlp.type.VqaAnswer;
import org.cnlp.type.VqaQuestion;

/**
 * Writes the annotations of one text view as cnlp annotation JSON
 * ({@value #SCHEMA} version {@value #VERSION}; schema in {@value #SCHEMA_RESOURCE} on the
 * classpath, documented in the module README).
 *
 * <p>Instances are immutable and thread-safe. String features that are not set (null) are left
 * out of the output; numbers and booleans are always written. Annotations appear in UIMA
 * annotation-index order (begin ascending, end descending).
 *
 * <p>When the CAS has a question view ({@link VqaViews}), the output has a {@code "vqa"} part:
 * the image's id, size and MIME type, and per question its id, text, answer type and best
 * answer (further answers as {@code alternatives}). Such a document is written as version
 * {@value #VQA_VERSION}, the version that added the part; the image bytes are never written.
 */
public final class CasJsonWriter {

    /** Value of the top-level {@code "schema"} field. */
    public static final String SCHEMA = "cnlp-annotations";
    /** Value of the top-level {@code "version"} field written by this class. */
    public static final String VERSION = "1.0";
    /** Value of {@code "version"} for a document with a {@code "vqa"} part (added in 1.1). */
    public static final String VQA_VERSION = "1.1";
    /** Classpath location of the JSON Schema (draft 2020-12) describing the output. */
    public static final String SCHEMA_RESOURCE = "/schema/cnlp-annotations-1.0.schema.json";

    /** Optional parts of the output; sections and entities are always written. */
    public enum Include {
        /** The document text ({@code "text"}). */
        TEXT,
        /** Sentence spans ({@code "sentences"}). */
        SENTENCES,
        /** Token spans with norm and kind ({@code "tokens"}). */
        TOKENS
    }

    private final Set<Include> include;
    private final ObjectWriter writer;

    /**
     * @param include optional parts to write
     * @param pretty  indent the output; otherwise one line per document (JSON Lines friendly)
     */
    public CasJsonWriter(Set<Include> include, boolean pretty) {
        this.include = include.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(include));
        this.writer = pretty ? Json.PRETTY : Json.COMPACT;
    }

    /** A compact writer. */
    public CasJsonWriter(Set<Include> include) {
        this(include, false);
    }

    /** A compact writer including the given parts. */
    public static CasJsonWriter including(Include... parts) {
        EnumSet<Include> set = EnumSet.noneOf(Include.class);
        set.addAll(Arrays.asList(parts));
        return new CasJsonWriter(set, false);
    }

    public Set<Include> include() {
        return include;
    }

    /** The annotations of {@code jcas} (one text view) as a JSON tree. */
    public ObjectNode toTree(JCas jcas) {
        ObjectNode root = Json.NODES.objectNode();
        root.put("schema", SCHEMA);
        ObjectNode vqa = vqa(jcas);
        root.put("version", vqa == null ? VERSION : VQA_VERSION);
        root.set("document", document(jcas));
        String text = jcas.getDocumentText();
        root.put("textLength", text == null ? 0 : text.length());
        if (include.contains(Include.TEXT)) {
            root.put("text", text == null ? "" : text);
        }
        ArrayNode sections = root.putArray("sections");
        for (Section section : JCasUtil.select(jcas, Section.class)) {
            ObjectNode node = sections.addObject();
            putIfSet(node, "name", section.getName());
            node.put("begin", section.getBegin());
            node.put("end", section.getEnd());
            node.put("headerBegin", section.getHeaderBegin());
            node.put("headerEnd", section.getHeaderEnd());
        }
        if (include.contains(Include.SENTENCES)) {
            ArrayNode sentences = root.putArray("sentences");
            for (Sentence sentence : JCasUtil.select(jcas, Sentence.class)) {
                sentences.addObject().put("begin", sentence.getBegin()).put("end", sentence.getEnd());
            }
        }
        if (include.contains(Include.TOKENS)) {
            ArrayNode tokens = root.putArray("tokens");
            for (Token token : JCasUtil.select(jcas, Token.class)) {
                ObjectNode node = tokens.addObject().put("begin", token.getBegin()).put("end", token.getEnd());
                putIfSet(node, "norm", token.getNorm());
                putIfSet(node, "kind", token.getKind());
            }
        }
        ArrayNode entities = root.putArray("entities");
        for (ClinicalEntity entity : JCasUtil.select(jcas, ClinicalEntity.class)) {
            entities.add(entity(entity));
        }
        if (vqa != null) {
            root.set("vqa", vqa);
        }
        return root;
    }

    /** The JSON text of {@link #toTree(JCas)}. */
    public String toJson(JCas jcas) {
        try {
            return writer.writeValueAsString(toTree(jcas));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise a JSON tree", e);
        }
    }

    /**
     * Writes the JSON of {@link #toTree(JCas)} to {@code out} as UTF-8, without a trailing line
     * break; does not close {@code out}.
     */
    public void write(JCas jcas, OutputStream out) throws IOException {
        writer.writeValue(out, toTree(jcas));
    }

    private static ObjectNode document(JCas jcas) {
        ObjectNode node = Json.NODES.objectNode();
        for (DocumentMetadata metadata : JCasUtil.select(jcas, DocumentMetadata.class)) {
            putIfSet(node, "id", metadata.getDocumentId());
            putIfSet(node, "source", metadata.getSource());
            putIfSet(node, "format", metadata.getSourceFormat());
            if (metadata.getTitleEnd() > 0) {
                node.put("titleEnd", metadata.getTitleEnd());
            }
            break;
        }
        return node;
    }

    /** The image and the answered questions, or null when the CAS has no question view. */
    private static ObjectNode vqa(JCas jcas) {
        try {
            if (VqaViews.questionView(jcas).isEmpty()) {
                return null;
            }
            ObjectNode node = Json.NODES.objectNode();
            Optional<ImageMetadata> metadata = VqaViews.imageMetadata(jcas);
            if (metadata.isPresent()) {
                ObjectNode image = node.putObject("image");
                putIfSet(image, "id", metadata.get().getImageId());
                image.put("width", metadata.get().getWidth());
                image.put("height", metadata.get().getHeight());
                putIfSet(image, "mimeType", metadata.get().getMimeType());
                putIfSet(image, "modality", metadata.get().getModality());
            }
            ArrayNode answers = node.putArray("answers");
            for (VqaQuestion question : VqaViews.questions(jcas)) {
                answers.add(answer(question));
            }
            return node;
        } catch (CASException e) {
            throw new IllegalStateException("cannot read the views of the CAS", e);
        }
    }

    private static ObjectNode answer(VqaQuestion question) {
        ObjectNode node = Json.NODES.objectNode();
        putIfSet(node, "questionId", question.getQuestionId());
        node.put("question", question.getCoveredText());
        putIfSet(node, "answerType", question.getAnswerType());
        List<VqaAnswer> answers = VqaViews.answers(question);
        if (!answers.isEmpty()) {
            putAnswer(node, answers.getFirst());
        }
        if (answers.size() > 1) {
            ArrayNode alternatives = node.putArray("alternatives");
            for (VqaAnswer answer : answers.subList(1, answers.size())) {
                putAnswer(alternatives.addObject(), answer);
            }
        }
        return node;
    }

    private static void putAnswer(ObjectNode node, VqaAnswer answer) {
        putIfSet(node, "answer", answer.getAnswer());
        node.put("confidence", answer.getConfidence());
        putIfSet(node, "modelId", answer.getModelId());
    }

    private static ObjectNode entity(ClinicalEntity entity) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("begin", entity.getBegin());
        node.put("end", entity.getEnd());
        node.put("text", entity.getCoveredText());
        putIfSet(node, "type", entity.getSemanticType());
        node.put("confidence", entity.getConfidence());
        putIfSet(node, "annotator", entity.getAnnotator());
        putIfSet(node, "modelId", entity.getModelId());
        ObjectNode assertion = node.putObject("assertion");
        assertion.put("polarity", entity.getPolarity() < 0 ? "negated" : "affirmed");
        assertion.put("uncertain", entity.getUncertain());
        assertion.put("conditional", entity.getConditional());
        assertion.put("historical", entity.getHistorical());
        putIfSet(assertion, "subject", entity.getSubject());
        ArrayNode concepts = node.putArray("concepts");
        FSArray<ConceptLink> links = entity.getConcepts();
        if (links != null) {
            for (ConceptLink link : links) {
                if (link != null) {
                    concepts.add(concept(link));
                }
            }
        }
        return node;
    }

    private static ObjectNode concept(ConceptLink link) {
        ObjectNode node = Json.NODES.objectNode();
        putIfSet(node, "terminology", link.getTerminology());
        putIfSet(node, "id", link.getConceptId());
        putIfSet(node, "preferredTerm", link.getPreferredTerm());
        node.put("score", link.getScore());
        ArrayNode xrefs = node.putArray("xrefs");
        StringArray values = link.getXrefs();
        if (values != null) {
            for (String xref : values) {
                if (xref != null) {
                    xrefs.add(xref);
                }
            }
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
