package org.cnlp.pipeline.io.pubtator;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One PubTator document: a PubMed id, a title, an abstract and its mentions.
 *
 * <p>The document text is {@code title + " " + abstractText} ({@link #text()}); mention offsets
 * are offsets into that text, and each mention's text must be the text at its offsets.
 *
 * @param pmid         the document id (a PubMed id in the public corpora), without '|' or tabs
 * @param title        the title line, without line breaks
 * @param abstractText the abstract line, without line breaks (empty when the block has none)
 * @param mentions     mentions in file order
 */
public record PubTatorDocument(String pmid, String title, String abstractText, List<Mention> mentions) {

    public PubTatorDocument {
        Objects.requireNonNull(pmid, "pmid");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(abstractText, "abstractText");
        if (pmid.isBlank() || pmid.indexOf('|') >= 0 || pmid.indexOf('\t') >= 0 || hasLineBreak(pmid)) {
            throw new IllegalArgumentException("PMID must be non-blank without '|', tab or line break");
        }
        if (hasLineBreak(title) || hasLineBreak(abstractText)) {
            throw new IllegalArgumentException("PubTator title and abstract cannot hold line breaks (PMID " + pmid + ")");
        }
        mentions = List.copyOf(mentions);
        String text = title + " " + abstractText;
        for (Mention mention : mentions) {
            if (mention.end() > text.length()) {
                throw new IllegalArgumentException("mention " + mention.begin() + "-" + mention.end()
                        + " outside the text of PMID " + pmid);
            }
            if (!text.startsWith(mention.text(), mention.begin()) || mention.text().length() != mention.end() - mention.begin()) {
                throw new IllegalArgumentException("mention " + mention.begin() + "-" + mention.end()
                        + " text differs from the text of PMID " + pmid + " at its offsets");
            }
        }
    }

    /** The document text: title, one space, abstract. */
    public String text() {
        return title + " " + abstractText;
    }

    /** End offset of the title in {@link #text()}. */
    public int titleEnd() {
        return title.length();
    }

    private static boolean hasLineBreak(String value) {
        return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    }

    /**
     * One mention line: {@code PMID<TAB>begin<TAB>end<TAB>text<TAB>type<TAB>ids}.
     *
     * @param begin begin offset in {@link PubTatorDocument#text()}
     * @param end   end offset (exclusive)
     * @param text  the mention text as given in the file
     * @param type  the type as given in the file (SpecificDisease, Chemical, ...)
     * @param ids   concept ids, trimmed, split on '|' (alternatives) and '+' (composite mention);
     *              empty when the mention is not normalised ({@code -1} or no id column)
     */
    public record Mention(int begin, int end, String text, String type, List<String> ids) {

        public Mention {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(type, "type");
            if (begin < 0 || end < begin) {
                throw new IllegalArgumentException("bad span " + begin + "-" + end);
            }
            if (type.isBlank() || type.indexOf('\t') >= 0 || hasLineBreak(type)) {
                throw new IllegalArgumentException("mention type must be non-blank without tab or line break");
            }
            if (text.indexOf('\t') >= 0 || hasLineBreak(text)) {
                throw new IllegalArgumentException("mention text cannot hold a tab or line break");
            }
            ids = List.copyOf(ids);
            for (String id : ids) {
                if (id.isBlank() || !id.equals(id.strip()) || id.equals(UNNORMALISED)
                        || id.chars().anyMatch(c -> c == '|' || c == '+' || c == '\t' || c == '\n' || c == '\r')) {
                    throw new IllegalArgumentException("bad concept id in mention " + begin + "-" + end);
                }
            }
        }

        /** The id column value of unnormalised mentions. */
        public static final String UNNORMALISED = "-1";

        /**
         * Parses an id column: trims, splits on '|' and '+', drops empty parts and {@code -1}.
         */
        public static List<String> parseIds(String column) {
            return Arrays.stream(column.split("[|+]"))
                    .map(String::trim)
                    .filter(id -> !id.isEmpty() && !id.equals(UNNORMALISED))
                    .toList();
        }
    }
}
