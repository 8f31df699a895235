package org.cnlp.pipeline.input;

import java.util.Map;
import java.util.Optional;

import org.apache.uima.cas.CASException;
import org.apache.uima.jcas.JCas;
import org.cnlp.type.DocumentMetadata;

/**
 * A document ready to annotate: validated text plus where it came from, and for visual question
 * answering an image with its questions.
 *
 * @param id stable id (file name without extension, the JSON "id", or the PMID)
 * @param source file path or 'request'
 * @param format text, json or pubtator
 * @param text the note text; may be empty for a document with an image
 * @param titleEnd PubTator: offset where the title ends (the abstract starts one character later); 0 otherwise
 * @param metadata free-form string metadata, copied
 * @param image the image and questions, or null for a text document
 */
public record SourceDocument(String id, String source, String format, String text, int titleEnd,
                             Map<String, String> metadata, ImageAttachment image) {

    public SourceDocument {
        metadata = Map.copyOf(metadata);
    }

    /** A text document. */
    public SourceDocument(String id, String source, String format, String text, int titleEnd, Map<String, String> metadata) {
        this(id, source, format, text, titleEnd, metadata, null);
    }

    public static SourceDocument ofText(String id, String source, String text) {
        return new SourceDocument(id, source, "text", text, 0, Map.of());
    }

    /** The image and its questions, when the document has them. */
    public Optional<ImageAttachment> attachment() {
        return Optional.ofNullable(image);
    }

    /**
     * Puts the text and a {@link DocumentMetadata} into an empty CAS view and, when the document
     * has an image, the image and question views ({@link org.cnlp.pipeline.vqa.VqaViews}).
     *
     * @throws CASException when the image or question view cannot be created
     */
    public void loadInto(JCas jcas) throws CASException {
        jcas.setDocumentText(text);
        jcas.setDocumentLanguage("en");
        DocumentMetadata meta = new DocumentMetadata(jcas);
        meta.setDocumentId(id);
        meta.setSource(source);
        meta.setSourceFormat(format);
        meta.setTitleEnd(titleEnd);
        meta.addToIndexes();
        if (image != null) {
            image.loadInto(jcas);
        }
    }
}
