package org.cnlp.annotators.section;

/**
 * A section found in a text: {@code [begin, end)} runs from its header to the next header;
 * {@code [headerBegin, headerEnd)} is the header as written, colon included
 * ({@code headerBegin == headerEnd == begin} for the {@value SectionDetector#NONE} section).
 */
public record DetectedSection(String name, int begin, int end, int headerBegin, int headerEnd) {

    public DetectedSection {
        if (begin < 0 || begin > headerBegin || headerBegin > headerEnd || headerEnd > end) {
            throw new IllegalArgumentException("bad offsets " + begin + " " + headerBegin + " " + headerEnd + " " + end);
        }
    }

    /** Whether the section starts with a header. */
    public boolean hasHeader() {
        return headerEnd > headerBegin;
    }
}
