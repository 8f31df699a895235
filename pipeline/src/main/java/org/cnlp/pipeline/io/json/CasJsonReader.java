package org.cnlp.pipeline.io.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.uima.cas.CASException;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FSArray;
import org.apache.uima.jcas.cas.StringArray;
import org.apache.uima.jcas.tcas.Annotation;
import org.cnlp.pipeline.internal.Json;
import org.cnlp.pipeline.internal.JsonFields;
import org.cnlp.pipeline.io.DocumentFormatException;
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
 * Reads cnlp annotation JSON (any {@code 1.x} version of {@value CasJsonWriter#SCHEMA}) into a
 * JCas: the inverse of {@link CasJsonWriter}, so that write, read, write gives identical JSON.
 *
 * <p>The target JCas is either empty, in which case the JSON must carry {@code "text"}, or
 * already holds the document text, which must then equal the JSON's text (when present) or
 * have the JSON's {@code textLength}. Spans are checked against the text, and an entity's
 * {@code "text"} must equal the text it covers. An existing {@code DocumentMetadata} is updated,
 * otherwise one is created when the JSON's {@code document} object is not empty.
 *
 * <p>A {@code "vqa"} part creates the image and question views ({@link VqaViews}), which the
 * target CAS must not have yet: the image view gets the image's metadata and an empty sofa (the
 * JSON does not hold the image), the question view the questions with their answers.
 *
 * <p>On a {@link DocumentFormatException} the JCas may hold part of the document: reset it
 * before reuse. Stateless and thread-safe; streams are not closed.
 */
public final class CasJsonReader {

    private CasJsonReader() {
    }

    /** Reads one JSON document from {@code in}; {@code source} names it in error messages. */
    public static void read(InputStream in, String source, JCas jcas) throws IOException, DocumentFormatException {
        read(Json.parse(in, source), source, jcas);
    }

    /** Reads one JSON document from a string; {@code source} names it in error messages. */
    public static void read(String json, String source, JCas jcas) throws DocumentFormatException {
        read(Json.parse(json, source), source, jcas);
    }

    /** Reads an already parsed JSON document; {@code source} names it in error messages. */
    public static void read(JsonNode json, String source, JCas jcas) throws DocumentFormatException {
        JsonFields root = JsonFields.of(source, "", json);
        checkSchema(root);
        String text = documentText(root, jcas);
        readDocument(root.object("document"), jcas);

        JsonNode sections = root.requiredArray("sections");
        for (int i = 0; i < sections.size(); i++) {
            JsonFields node = root.element("sections", sections, i);
            Section section = span(new Section(jcas), node, text.length());
            node.optionalString("name").ifPresent(section::setName);
            section.setHeaderBegin(checkOffset(node, "headerBegin", text.length()));
            section.setHeaderEnd(checkOffset(node, "headerEnd", text.length()));
            section.addToIndexes();
        }
        JsonNode sentences = root.optionalArray("sentences");
        for (int i = 0; i < sentences.size(); i++) {
            span(new Sentence(jcas), root.element("sentences", sentences, i), text.length()).addToIndexes();
        }
        JsonNode tokens = root.optionalArray("tokens");
        for (int i = 0; i < tokens.size(); i++) {
            JsonFields node = root.element("tokens", tokens, i);
            Token token = span(new Token(jcas), node, text.length());
            node.optionalString("norm").ifPresent(token::setNorm);
            node.optionalString("kind").ifPresent(token::setKind);
            token.addToIndexes();
        }
        JsonNode entities = root.requiredArray("entities");
        for (int i = 0; i < entities.size(); i++) {
            readEntity(root.element("entities", entities, i), jcas, text).addToIndexes();
        }
        if (root.has("vqa")) {
            readVqa(root.object("vqa"), jcas);
        }
    }

    private static void readVqa(JsonFields vqa, JCas jcas) throws DocumentFormatException {
        try {
            if (VqaViews.imageView(jcas).isPresent() || VqaViews.questionView(jcas).isPresent()) {
                throw new DocumentFormatException(vqa.source() + ": " + vqa.path()
                        + ": the CAS already has an image or question view");
            }
            if (vqa.has("image")) {
                JsonFields image = vqa.object("image");
                ImageMetadata metadata = VqaViews.addImage(jcas, new byte[0], image.optionalString("id").orElse(null),
                        image.optionalString("mimeType").orElse(null));
                metadata.setWidth(image.requiredInt("width"));
                metadata.setHeight(image.requiredInt("height"));
                image.optionalString("modality").ifPresent(metadata::setModality);
            }
            JsonNode items = vqa.requiredArray("answers");
            List<VqaViews.Question> questions = new ArrayList<>(items.size());
            List<JsonFields> fields = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                JsonFields item = vqa.element("answers", items, i);
                String text = item.requiredString("question");
                if (text.isBlank()) {
                    throw item.error("question", "blank question");
                }
                questions.add(new VqaViews.Question(text, item.optionalString("questionId").orElse(null),
                        item.optionalString("answerType").orElse(null)));
                fields.add(item);
            }
            List<VqaQuestion> added = VqaViews.addQuestions(jcas, questions);
            JCas view = VqaViews.questionView(jcas).orElseThrow();
            for (int i = 0; i < added.size(); i++) {
                JsonFields item = fields.get(i);
                if (item.has("confidence")) {
                    VqaViews.addAnswer(view, added.get(i), readAnswer(item, view));
                }
                JsonNode alternatives = item.optionalArray("alternatives");
                for (int j = 0; j < alternatives.size(); j++) {
                    VqaViews.addAnswer(view, added.get(i), readAnswer(item.element("alternatives", alternatives, j), view));
                }
            }
        } catch (CASException e) {
            throw new DocumentFormatException(vqa.source() + ": " + vqa.path() + ": cannot create the VQA views ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static VqaAnswer readAnswer(JsonFields node, JCas questionView) throws DocumentFormatException {
        VqaAnswer answer = new VqaAnswer(questionView);
        node.optionalString("answer").ifPresent(answer::setAnswer);
        answer.setConfidence(node.requiredDouble("confidence"));
        node.optionalString("modelId").ifPresent(answer::setModelId);
        return answer;
    }

    private static void checkSchema(JsonFields root) throws DocumentFormatException {
        String schema = root.requiredString("schema");
        if (!CasJsonWriter.SCHEMA.equals(schema)) {
            throw root.error("schema", "expected \"" + CasJsonWriter.SCHEMA + "\"");
        }
        String version = root.requiredString("version");
        if (!version.equals("1") && !version.startsWith("1.")) {
            throw root.error("version", "unsupported version " + quoteShort(version) + ", this reader reads 1.x");
        }
    }

    private static String documentText(JsonFields root, JCas jcas) throws DocumentFormatException {
        int length = root.requiredInt("textLength");
        Optional<String> jsonText = root.optionalString("text");
        String casText = jcas.getDocumentText();
        if (jsonText.isPresent()) {
            String text = jsonText.get();
            if (text.length() != length) {
                throw root.error("textLength", "does not equal the length of \"text\"");
            }
            if (casText == null) {
                jcas.setDocumentText(text);
            } else if (!casText.equals(text)) {
                throw root.error("text", "differs from the document text already in the CAS");
            }
            return text;
        }
        if (casText == null) {
            throw root.error("text", "missing, and the CAS has no document text to annotate");
        }
        if (casText.length() != length) {
            throw root.error("textLength", "does not equal the length of the CAS's document text");
        }
        return casText;
    }

    private static void readDocument(JsonFields document, JCas jcas) throws DocumentFormatException {
        if (document.node().isEmpty()) {
            return;
        }
        DocumentMetadata metadata = JCasUtil.select(jcas, DocumentMetadata.class).stream().findFirst().orElse(null);
        boolean created = metadata == null;
        if (created) {
            metadata = new DocumentMetadata(jcas);
        }
        document.optionalString("id").ifPresent(metadata::setDocumentId);
        document.optionalString("source").ifPresent(metadata::setSource);
        document.optionalString("format").ifPresent(metadata::setSourceFormat);
        int titleEnd = document.optionalInt("titleEnd", 0);
        if (titleEnd < 0 || titleEnd > jcas.getDocumentText().length()) {
            throw document.error("titleEnd", "outside the text");
        }
        metadata.setTitleEnd(titleEnd);
        if (created) {
            metadata.addToIndexes();
        }
    }

    private static ClinicalEntity readEntity(JsonFields node, JCas jcas, String text) throws DocumentFormatException {
        ClinicalEntity entity = span(new ClinicalEntity(jcas), node, text.length());
        Optional<String> covered = node.optionalString("text");
        if (covered.isPresent() && !covered.get().equals(text.substring(entity.getBegin(), entity.getEnd()))) {
            throw node.error("text", "does not match the text at " + entity.getBegin() + "-" + entity.getEnd());
        }
        node.optionalString("type").ifPresent(entity::setSemanticType);
        entity.setConfidence(node.requiredDouble("confidence"));
        node.optionalString("annotator").ifPresent(entity::setAnnotator);
        node.optionalString("modelId").ifPresent(entity::setModelId);

        JsonFields assertion = node.object("assertion");
        String polarity = assertion.requiredString("polarity");
        entity.setPolarity(switch (polarity) {
            case "affirmed" -> 1;
            case "negated" -> -1;
            default -> throw assertion.error("polarity", "expected \"affirmed\" or \"negated\"");
        });
        entity.setUncertain(assertion.requiredBoolean("uncertain"));
        entity.setConditional(assertion.requiredBoolean("conditional"));
        entity.setHistorical(assertion.requiredBoolean("historical"));
        assertion.optionalString("subject").ifPresent(entity::setSubject);

        JsonNode concepts = node.requiredArray("concepts");
        FSArray<ConceptLink> links = new FSArray<>(jcas, concepts.size());
        for (int i = 0; i < concepts.size(); i++) {
            links.set(i, readConcept(node.element("concepts", concepts, i), jcas));
        }
        entity.setConcepts(links);
        return entity;
    }

    private static ConceptLink readConcept(JsonFields node, JCas jcas) throws DocumentFormatException {
        ConceptLink link = new ConceptLink(jcas);
        node.optionalString("terminology").ifPresent(link::setTerminology);
        node.optionalString("id").ifPresent(link::setConceptId);
        node.optionalString("preferredTerm").ifPresent(link::setPreferredTerm);
        link.setScore(node.requiredDouble("score"));
        JsonNode xrefs = node.optionalArray("xrefs");
        StringArray values = new StringArray(jcas, xrefs.size());
        for (int i = 0; i < xrefs.size(); i++) {
            JsonNode xref = xrefs.get(i);
            if (!xref.isTextual()) {
                throw node.error("xrefs/" + i, "expected a string");
            }
            values.set(i, xref.textValue());
        }
        link.setXrefs(values);
        return link;
    }

    private static <A extends Annotation> A span(A annotation, JsonFields node, int textLength)
            throws DocumentFormatException {
        int begin = checkOffset(node, "begin", textLength);
        int end = checkOffset(node, "end", textLength);
        if (end < begin) {
            throw node.error("end", "before begin");
        }
        annotation.setBegin(begin);
        annotation.setEnd(end);
        return annotation;
    }

    private static int checkOffset(JsonFields node, String field, int textLength) throws DocumentFormatException {
        int offset = node.requiredInt(field);
        if (offset < 0 || offset > textLength) {
            throw node.error(field, "offset " + offset + " outside the text (length " + textLength + ")");
        }
        return offset;
    }

    private static String quoteShort(String value) {
        String shortened = value.length() > 16 ? value.substring(0, 16) + "..." : value;
        return "\"" + shortened + "\"";
    }
}
