package org.cnlp.pipeline.io.pubtator;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cnlp.pipeline.io.DocumentFormatException;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument.Mention;

/**
 * Reads PubTator files one document at a time, so files of any size stream in constant memory.
 *
 * <p>Format: blocks separated by blank lines. Each block is {@code PMID|t|title},
 * {@code PMID|a|abstract} (may be missing), then mention lines
 * {@code PMID<TAB>begin<TAB>end<TAB>text<TAB>type[<TAB>ids[<TAB>extra...]]}. Extra columns (the
 * BC5CDR composite-mention texts) are ignored; relation lines, whose second column is not a
 * number ({@code PMID<TAB>CID<TAB>id<TAB>id}), are skipped. Ids are parsed by
 * {@link Mention#parseIds(String)}. Lines may end in CRLF.
 *
 * <p>Every mention must lie inside {@code title + " " + abstract} and its text must equal the
 * text at its offsets, leading and trailing white space aside (NCBI train, PMID 10923035, has
 * two stray trailing spaces); the offsets are authoritative and {@link Mention#text()} is the
 * document text they cover. A malformed block raises a {@link DocumentFormatException} naming the
 * source, the line number and the problem (never the text); the reader has then skipped to the
 * end of that block, so the caller may log it and call {@link #next()} again.
 *
 * <p>Not thread-safe. The reader owns the {@link Reader} it is given and closes it.
 */
public final class PubTatorReader implements Closeable {

    private final BufferedReader in;
    private final String source;
    private int lineNumber;

    /**
     * @param in     the PubTator content; owned and closed by this reader
     * @param source names the content in error messages (usually the file name)
     */
    public PubTatorReader(Reader in, String source) {
        this.in = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
        this.source = source;
    }

    /** Opens {@code file} (UTF-8). */
    public static PubTatorReader open(Path file) throws IOException {
        return new PubTatorReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), String.valueOf(file.getFileName()));
    }

    /** Reads every document of {@code file}; fails on the first malformed block. */
    public static List<PubTatorDocument> readAll(Path file) throws IOException, DocumentFormatException {
        try (PubTatorReader reader = open(file)) {
            return reader.readRemaining();
        }
    }

    /** Parses PubTator content held in memory; fails on the first malformed block. */
    public static List<PubTatorDocument> parse(String content, String source) throws DocumentFormatException {
        try (PubTatorReader reader = new PubTatorReader(new StringReader(content), source)) {
            return reader.readRemaining();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string failed", e);
        }
    }

    /**
     * The next document, or empty at the end of the input.
     *
     * @throws DocumentFormatException for a malformed block, which has been skipped
     */
    public Optional<PubTatorDocument> next() throws IOException, DocumentFormatException {
        String line = nextLine();
        while (line != null && line.isBlank()) {
            line = nextLine();
        }
        if (line == null) {
            return Optional.empty();
        }
        int firstLine = lineNumber;
        List<String> block = new ArrayList<>();
        while (line != null && !line.isBlank()) {
            block.add(line);
            line = nextLine();
        }
        return Optional.of(parseBlock(block, firstLine));
    }

    /** Reads the documents left; fails on the first malformed block. */
    public List<PubTatorDocument> readRemaining() throws IOException, DocumentFormatException {
        List<PubTatorDocument> documents = new ArrayList<>();
        for (Optional<PubTatorDocument> document = next(); document.isPresent(); document = next()) {
            documents.add(document.get());
        }
        return documents;
    }

    /** Number of the last line read (1-based). */
    public int lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private String nextLine() throws IOException {
        String line = in.readLine();
        if (line != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
        }
        return line;
    }

    private PubTatorDocument parseBlock(List<String> lines, int firstLine) throws DocumentFormatException {
        String first = lines.get(0);
        int bar = first.indexOf('|');
        if (bar <= 0 || !first.startsWith("t|", bar + 1) || first.substring(0, bar).indexOf('\t') >= 0) {
            throw error(firstLine, "expected a title line 'PMID|t|title'");
        }
        String pmid = first.substring(0, bar);
        String title = first.substring(bar + 3);
        int next = 1;
        String abstractText = "";
        String abstractPrefix = pmid + "|a|";
        if (lines.size() > 1 && lines.get(1).startsWith(abstractPrefix)) {
            abstractText = lines.get(1).substring(abstractPrefix.length());
            next = 2;
        }
        String text = title + " " + abstractText;
        List<Mention> mentions = new ArrayList<>();
        for (int i = next; i < lines.size(); i++) {
            parseAnnotationLine(lines.get(i), firstLine + i, pmid, text).ifPresent(mentions::add);
        }
        try {
            return new PubTatorDocument(pmid, title, abstractText, mentions);
        } catch (IllegalArgumentException e) {
            throw error(firstLine, "invalid document " + pmid + ": " + e.getMessage());
        }
    }

    private Optional<Mention> parseAnnotationLine(String line, int number, String pmid, String text)
            throws DocumentFormatException {
        String[] fields = line.split("\t", -1);
        if (fields.length < 3) {
            throw error(number, "expected a tab-separated mention or relation line of PMID " + pmid);
        }
        if (!fields[0].equals(pmid)) {
            throw error(number, "annotation line of another PMID inside the block of PMID " + pmid);
        }
        if (!isNumber(fields[1])) {
            return Optional.empty();
        }
        if (fields.length < 5) {
            throw error(number, "mention line needs at least 5 tab-separated columns, found " + fields.length);
        }
        if (!isNumber(fields[2])) {
            throw error(number, "mention end offset is not a number");
        }
        int begin = parseOffset(fields[1], number);
        int end = parseOffset(fields[2], number);
        if (end <= begin || end > text.length()) {
            throw error(number, "mention span " + begin + "-" + end + " outside the text of PMID " + pmid
                    + " (length " + text.length() + ")");
        }
        String covered = text.substring(begin, end);
        if (!covered.equals(fields[3]) && !covered.strip().equals(fields[3].strip())) {
            throw error(number, "mention text differs from the document text at " + begin + "-" + end);
        }
        String type = fields[4].trim();
        if (type.isEmpty()) {
            throw error(number, "mention type is empty");
        }
        List<String> ids = fields.length > 5 ? Mention.parseIds(fields[5]) : List.of();
        return Optional.of(new Mention(begin, end, covered, type, ids));
    }

    private int parseOffset(String field, int number) throws DocumentFormatException {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw error(number, "mention offset out of range");
        }
    }

    private static boolean isNumber(String field) {
        return !field.isEmpty() && field.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private DocumentFormatException error(int line, String problem) {
        return new DocumentFormatException(source + ":" + line + ": " + problem);
    }
}
