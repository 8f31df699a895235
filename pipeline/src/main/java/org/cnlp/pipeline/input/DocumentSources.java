package org.cnlp.pipeline.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cnlp.pipeline.input.InputRejectedException.Reason;
import org.cnlp.pipeline.io.DocumentFormatException;
import org.cnlp.pipeline.io.InputDocument;
import org.cnlp.pipeline.io.InputImage;
import org.cnlp.pipeline.io.json.InputDocumentJson;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument;
import org.cnlp.pipeline.io.pubtator.PubTatorReader;

/**
 * Turns the paths a user names into documents: folders are walked (sorted, hidden entries and
 * image files skipped), {@code .json} files hold one input document or an array of them, files
 * whose first line looks like {@code PMID|t|title} are PubTator collections, anything else is one
 * plain-text note. Every file passes the {@link TextValidator} first.
 *
 * <p>A JSON document may carry an image with questions ({@link InputImage}); an {@code imageFile}
 * is resolved against the JSON file's folder, must stay inside it (links included), exist, and
 * respect the same byte limit as input files. Image files ({@code .jpg}, {@code .jpeg},
 * {@code .png}) are not documents on their own: a folder walk leaves them out and reading one is
 * refused. A batch may say where an image went that another input moved on, and hold back an
 * input whose image is still being written ({@link ImageFiles}). Thread-safe.
 */
public final class DocumentSources {

    private static final Pattern PUBTATOR_TITLE = Pattern.compile("^[^|\\s]+\\|t\\|");
    private static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png");
    /** The image files one input names may hold this many times the input byte limit in all. */
    static final int IMAGE_FILE_BUDGET = 8;

    private final TextValidator validator;
    private final ImageFiles imageFiles;

    /**
     * How a batch lets inputs read the image files they name: where an image went that another
     * input of the batch has already moved on, and whether an image has settled (is no longer being
     * written). Implementations are thread-safe.
     */
    public interface ImageFiles {
        /** Image files read where they are named, at once. */
        ImageFiles PLAIN = new ImageFiles() {
            @Override
            public Optional<Path> moved(Path named) {
                return Optional.empty();
            }

            @Override
            public boolean settled(Path image) {
                return true;
            }
        };

        /**
         * Where {@code named} (an image path inside the JSON's folder that is no longer there) went
         * when this batch moved it on with another input; only files the batch moved itself.
         */
        Optional<Path> moved(Path named);

        /** Whether {@code image} may be read now; false holds its input back ({@link ImageNotReadyException}). */
        boolean settled(Path image);
    }

    /** An image an input names is still being written: the input should wait and be read again later. */
    public static final class ImageNotReadyException extends RuntimeException {
        public ImageNotReadyException(String where) {
            super(where + " is still being written", null, false, false);
        }
    }

    public DocumentSources(TextValidator validator) {
        this(validator, ImageFiles.PLAIN);
    }

    /** Sources that read image files as {@code imageFiles} says (a batch's moved and unsettled images). */
    public DocumentSources(TextValidator validator, ImageFiles imageFiles) {
        this.validator = validator;
        this.imageFiles = imageFiles;
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
                            .filter(p -> !isImageFile(p))
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

    /**
     * Whether {@code file} is an image by its name ({@code .jpg}, {@code .jpeg}, {@code .png}, any
     * case): an image is read through a JSON document that names it, never as a document itself.
     */
    public static boolean isImageFile(Path file) {
        Path fileName = file.getFileName();
        return fileName != null && isImageName(fileName.toString());
    }

    /** {@link #isImageFile(Path)} for a bare file name. */
    public static boolean isImageName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return IMAGE_EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /** Reads one file into its documents, or says why it cannot be annotated. */
    public List<SourceDocument> read(Path file) throws InputRejectedException {
        String name = file.toString();
        if (isImageFile(file)) {
            throw new InputRejectedException(Reason.MALFORMED, name + ": an image is not a document on its own; it needs a JSON"
                    + " document with questions that names it (\"imageFile\") or holds it (\"image\", base64)");
        }
        byte[] bytes;
        try {
            validator.checkSize(Files.size(file), name);
            bytes = readBounded(file, name);
        } catch (NoSuchFileException e) {
            throw new InputRejectedException(Reason.UNREADABLE, name + ": file vanished before it could be read", e);
        } catch (IOException e) {
            throw new InputRejectedException(Reason.UNREADABLE, name + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
        return parse(name, file.getFileName().toString(), bytes, file.toAbsolutePath().normalize().getParent());
    }

    /**
     * Reads documents that arrive as bytes rather than as a file (a message, a request body):
     * {@code name} plays the file's part, its extension choosing JSON and its stem the default id.
     */
    public List<SourceDocument> read(String name, byte[] bytes) throws InputRejectedException {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return parse(name, name.substring(slash + 1), bytes, null);
    }

    /** {@code folder}: where the file lies, for image files named by a JSON document; null for bytes without a file. */
    private List<SourceDocument> parse(String name, String fileName, byte[] bytes, Path folder) throws InputRejectedException {
        String text = validator.decode(bytes, name);
        String stem = stem(fileName);
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return fromJson(text, name, stem, folder);
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

    private List<SourceDocument> fromJson(String text, String name, String stem, Path folder) throws InputRejectedException {
        try {
            List<InputDocument> docs = InputDocumentJson.parse(text, stem);
            List<SourceDocument> result = new ArrayList<>(docs.size());
            long imageFileBytes = 0;
            for (InputDocument doc : docs) {
                if (doc.image() == null && doc.text().isBlank()) {
                    throw new InputRejectedException(Reason.EMPTY, name + ": document '" + doc.id() + "' has empty text");
                }
                ImageAttachment image = doc.image() == null ? null
                        : attachment(doc.image(), doc.id(), name, folder, imageFileBytes);
                if (image != null && image.sourceFile().isPresent()) {
                    imageFileBytes += image.bytes().length;
                }
                result.add(new SourceDocument(doc.id(), name, "json", doc.text(), 0, doc.metadata(), image));
            }
            return result;
        } catch (DocumentFormatException e) {
            throw new InputRejectedException(Reason.MALFORMED, name + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param imageFileBytes the bytes of the image files this input's earlier documents named: all
     *     of them together may hold {@value #IMAGE_FILE_BUDGET} times the input byte limit
     */
    private ImageAttachment attachment(InputImage image, String documentId, String name, Path folder, long imageFileBytes)
            throws InputRejectedException {
        if (!image.inFile()) {
            String imageId = image.name() != null ? image.name() : documentId;
            return new ImageAttachment(image.bytes(), imageId, ImageAttachment.mimeType(image.bytes(), image.name()),
                    image.questions(), null);
        }
        String where = name + ": document '" + documentId + "': imageFile '" + image.file() + "'";
        if (folder == null) {
            throw new InputRejectedException(Reason.MALFORMED, where + ": an image file can only be named from a JSON file"
                    + " in a folder; send the image inline (\"image\", base64)");
        }
        Path file = folder.resolve(image.file()).normalize();
        if (!file.startsWith(folder)) {
            throw new InputRejectedException(Reason.MALFORMED, where + " is outside the JSON file's folder");
        }
        // Only image files, and none in hidden folders (.done/, .error/ hold other documents' files).
        if (!isImageFile(file)) {
            throw new InputRejectedException(Reason.MALFORMED, where + " is not a .jpg, .jpeg or .png file");
        }
        for (Path part : folder.relativize(file)) {
            if (part.toString().startsWith(".")) {
                throw new InputRejectedException(Reason.MALFORMED, where + " is in a hidden folder or is a hidden file");
            }
        }
        byte[] bytes;
        try {
            try {
                bytes = readImage(file, folder, where, imageFileBytes);
            } catch (NoSuchFileException e) {
                // Gone before or while it was read: another input of the batch may have moved it on.
                Optional<Path> moved = imageFiles.moved(file);
                if (moved.isEmpty()) {
                    throw e;
                }
                bytes = readImage(moved.get(), moved.get().getParent(), where, imageFileBytes);
            }
        } catch (NoSuchFileException e) {
            throw new InputRejectedException(Reason.MALFORMED, where + " does not exist (write the image before the JSON)", e);
        } catch (IOException e) {
            throw new InputRejectedException(Reason.UNREADABLE,
                    where + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
        if (bytes.length == 0) {
            throw new InputRejectedException(Reason.EMPTY, where + " is empty (0 bytes)");
        }
        String fileName = file.getFileName().toString();
        String imageId = image.name() != null ? image.name() : fileName;
        String mimeType = ImageAttachment.mimeType(bytes, image.name() != null ? image.name() : fileName);
        return new ImageAttachment(bytes, imageId, mimeType, image.questions(), file);
    }

    /**
     * Reads an image file that must stay inside {@code root} (links included), be a regular file,
     * have settled, and fit the per-file limit and the input's budget.
     *
     * @throws NoSuchFileException when it does not exist (or no longer does)
     * @throws ImageNotReadyException when it is still being written
     */
    private byte[] readImage(Path file, Path root, String where, long imageFileBytes) throws IOException, InputRejectedException {
        Path real = file.toRealPath();
        if (!real.startsWith(root.toRealPath())) {
            throw new InputRejectedException(Reason.MALFORMED, where + " leads outside the JSON file's folder (a link)");
        }
        if (!Files.isRegularFile(real)) {
            if (!Files.exists(real)) {
                throw new NoSuchFileException(real.toString());
            }
            throw new InputRejectedException(Reason.MALFORMED, where + " is not a file");
        }
        if (!imageFiles.settled(real)) {
            throw new ImageNotReadyException(where);
        }
        long size = Files.size(real);
        validator.checkSize(size, where);
        long budget = validator.maxBytes() > Long.MAX_VALUE / IMAGE_FILE_BUDGET ? Long.MAX_VALUE
                : IMAGE_FILE_BUDGET * validator.maxBytes();
        if (imageFileBytes + size > budget) {
            throw new InputRejectedException(Reason.TOO_LARGE, where + ": the image files this input names hold more than "
                    + budget + " bytes in all; split the input into several files");
        }
        return readBounded(real, where);
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
