package org.cnlp.pipeline.io.pubtator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument.Mention;

/**
 * Writes PubTator blocks: {@code PMID|t|title}, {@code PMID|a|abstract}, one line per mention
 * {@code PMID<TAB>begin<TAB>end<TAB>text<TAB>type<TAB>ids} (ids joined with '|', {@code -1}
 * when there are none), then a blank line. Line ends are '\n'. Stateless.
 */
public final class PubTatorWriter {

    private PubTatorWriter() {
    }

    /** Writes one document; {@code out} is not closed. */
    public static void write(PubTatorDocument document, Writer out) throws IOException {
        String pmid = document.pmid();
        out.write(pmid + "|t|" + document.title() + "\n");
        out.write(pmid + "|a|" + document.abstractText() + "\n");
        for (Mention mention : document.mentions()) {
            String ids = mention.ids().isEmpty() ? Mention.UNNORMALISED : String.join("|", mention.ids());
            out.write(pmid + "\t" + mention.begin() + "\t" + mention.end() + "\t" + mention.text() + "\t"
                    + mention.type() + "\t" + ids + "\n");
        }
        out.write("\n");
    }

    /**
     * Writes the text view {@code jcas} as one block (see {@link PubTatorCas#toDocument(JCas)}
     * for how entities become mentions).
     */
    public static void write(JCas jcas, Writer out) throws IOException {
        write(PubTatorCas.toDocument(jcas), out);
    }

    /** One document as a PubTator block. */
    public static String toString(PubTatorDocument document) {
        StringWriter out = new StringWriter();
        try {
            write(document, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e);
        }
        return out.toString();
    }
}
