package org.cnlp.pipeline.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cnlp.pipeline.input.InputRejectedException.Reason;
import org.cnlp.pipeline.io.DocumentFormatException;
import org.cnlp.pipeline.io.InputDocument;
import org.cnlp.pipeline.io.json.InputDocumentJson;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument;
import org.cnlp.pipeline.io.pubtator.PubTatorReader;

/**
 * Turns the paths a user names into documents: folders are walked (sorted, hidden entries
 * skipped), {@code .json} files hold one input document or an array of them, files whose first
 * line looks like {@code PMID|t|title} are PubTator collections, anything else is one plain-text
 * note. Every file passes the {@link TextValidator} first. Stateless and thread-safe.
 */
public final class DocumentSources {

    private static final Pattern PUBTATOR_TITLE = Pattern.compile("^[^|\\s]+\\|t\\|");

    private final TextValidator validator;

    public DocumentSources(TextValidator validator) {
        this.validator = validator;
    }

    /** All files under the given paths, in a stable order. A missing path is an error. */
    public List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new NoSuchFileException(input.toString(), null, "no such file or folder");
            }
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !isHidden(input.relativize(p)))
                            .sorted()
                            .forEach(files::add);
                }
            } else {
                files.add(input);
            }
        }
        return files;
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Reads one file into its documents, or says why it cannot be annotated. */
    public List<SourceDocument> read(Path file) throws InputRejectedException {
        String name = file.toString();
        byte[] bytes;
        try {
            validator.checkSize(Files.size(file), name);
            bytes = readBounded(file, name);
        } catch (NoSuchFileException e) {
            throw new InputRejectedException(Reason.UNREADABLE, name + ": file vanished before it could be read", e);
        } catch (IOException e) {
            throw new InputRejectedException(Reason.UNREADABLE, name + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
        return parse(name, file.getFileName().toString(), bytes);
    }

    /**
     * Reads documents that arrive as bytes rather than as a file (a message, a request body):
     * {@code name} plays the file's part, its extension choosing JSON and its stem the default id.
     */
    public List<SourceDocument> read(String name, byte[] bytes) throws InputRejectedException {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return parse(name, name.substring(slash + 1), bytes);
    }

    private List<SourceDocument> parse(String name, String fileName, byte[] bytes) throws InputRejectedException {
        String text = validator.decode(bytes, name);
        String stem = stem(fileName);
        if (fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            return fromJson(text, name, stem);
        }
        if (PUBTATOR_TITLE.matcher(text.stripLeading()).find()) {
            return fromPubTator(text, name);
        }
        return List.of(SourceDocument.ofText(stem, name, text));
    }

    private byte[] readBounded(Path file, String name) throws IOException, InputRejectedException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, validator.maxBytes() + 1));
            validator.checkSize(bytes.length, name);
            return bytes;
        }
    }

    private static List<SourceDocument> fromJson(String text, String name, String stem) throws InputRejectedException {
        try {
            List<InputDocument> docs = InputDocumentJson.parse(text, stem);
            List<SourceDocument> result = new ArrayList<>(docs.size());
            for (InputDocument doc : docs) {
                if (doc.text().isBlank()) {
                    throw new InputRejectedException(Reason.EMPTY, name + ": document '" + doc.id() + "' has empty text");
                }
                result.add(new SourceDocument(doc.id(), name, "json", doc.text(), 0, doc.metadata()));
            }
            return result;
        } catch (DocumentFormatException e) {
            throw new InputRejectedException(Reason.MALFORMED, name + ": " + e.getMessage(), e);
        }
    }

    private static List<SourceDocument> fromPubTator(String text, String name) throws InputRejectedException {
        try {
            List<SourceDocument> result = new ArrayList<>();
            for (PubTatorDocument doc : PubTatorReader.parse(text, name)) {
                result.add(new SourceDocument(doc.pmid(), name, "pubtator", doc.text(), doc.titleEnd(), Map.of()));
            }
            return result;
        } catch (DocumentFormatException e) {
            throw new InputRejectedException(Reason.MALFORMED, name + ": " + e.getMessage(), e);
        }
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
