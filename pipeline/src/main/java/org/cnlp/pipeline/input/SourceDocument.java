package org.cnlp.pipeline.input;

import java.util.Map;

import org.apache.uima.jcas.JCas;
import org.cnlp.type.DocumentMetadata;

/**
 * A document ready to annotate: validated text plus where it came from.
 *
 * @param id stable id (file name without extension, the JSON "id", or the PMID)
 * @param source file path or 'request'
 * @param format text, json or pubtator
 * @param titleEnd PubTator: offset where the title ends (the abstract starts one character later); 0 otherwise
 */
public record SourceDocument(String id, String source, String format, String text, int titleEnd,
                             Map<String, String> metadata) {

    public SourceDocument {
        metadata = Map.copyOf(metadata);
    }

    public static SourceDocument ofText(String id, String source, String text) {
        return new SourceDocument(id, source, "text", text, 0, Map.of());
    }

    /** Puts the text and a {@link DocumentMetadata} into an empty CAS view. */
    public void loadInto(JCas jcas) {
        jcas.setDocumentText(text);
        jcas.setDocumentLanguage("en");
        DocumentMetadata meta = new DocumentMetadata(jcas);
        meta.setDocumentId(id);
        meta.setSource(source);
        meta.setSourceFormat(format);
        meta.setTitleEnd(titleEnd);
        meta.addToIndexes();
    }
}
