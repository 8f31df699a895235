package org.cnlp.distill.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cnlp.pipeline.eval.EntityTypes;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument;
import org.cnlp.pipeline.io.pubtator.PubTatorReader;

/**
 * A PubTator gold file and the entity types it annotates. A type the corpus does not annotate
 * is unknown there, not absent: NCBI-disease marks diseases only, so its unmarked chemicals must
 * not be taught as {@code O} (partial labels, see {@link WindowBuilder}).
 *
 * @param name a short name for logs and metrics ({@code NCBItrainset_corpus})
 * @param documents the documents
 * @param annotatedTypes the normalised types ({@link EntityTypes}) the corpus annotates
 * @param guideline the index of the annotation guideline its mentions follow, among the model's
 *     guidelines (0 when the model has one); it becomes the windows' token type id
 */
public record TrainingCorpus(String name, List<PubTatorDocument> documents, Set<String> annotatedTypes, int guideline) {

    public TrainingCorpus {
        documents = List.copyOf(documents);
        annotatedTypes = Set.copyOf(annotatedTypes);
        if (guideline < 0) {
            throw new IllegalArgumentException("guideline index must not be negative");
        }
    }

    /** As {@link #read(String, List)} for a model with one annotation guideline. */
    public static TrainingCorpus read(String spec) throws IOException {
        return read(spec, List.of());
    }

    /**
     * Reads {@code FILE}, {@code FILE:Type,Type}, and either with {@code @GUIDELINE} appended (a
     * file whose own name ends in {@code @something} is read as it is unless the model has a
     * guideline of that name).
     * Without types, the corpus annotates the normalised types its mentions carry. Without a
     * guideline, it follows the first one.
     *
     * <p>Corpora annotate the same types differently: BC5CDR leaves modifiers out of a disease
     * mention ("chronic [liver disease]"), NCBI-disease keeps them ("[familial aniridia]"). A model
     * trained on both learns each corpus's way under its own guideline instead of a blur of the two.
     *
     * @param guidelines the model's guideline names, in token type id order (empty: one unnamed)
     * @throws IOException when the file cannot be read or parsed (the message names it)
     * @throws IllegalArgumentException when the spec names a guideline the model does not have
     */
    public static TrainingCorpus read(String spec, List<String> guidelines) throws IOException {
        int guideline = 0;
        int at = spec.lastIndexOf('@');
        String suffix = at > 0 ? spec.substring(at + 1) : "";
        // a '@' that is part of a file's name ("cdr@v2.txt") is not a guideline unless the model has that name
        boolean hasGuideline = suffix.matches("[A-Za-z0-9][A-Za-z0-9._-]*")
                && (guidelines.contains(suffix) || !Files.exists(Path.of(withoutTypes(spec))));
        if (hasGuideline) {
            guideline = guidelines.indexOf(suffix);
            if (guideline < 0) {
                throw new IllegalArgumentException("corpus " + spec + " follows guideline '" + suffix + "', but the model's guidelines are "
                        + (guidelines.isEmpty() ? "not named (--guidelines)" : guidelines));
            }
            spec = spec.substring(0, at);
        }
        String fileName = withoutTypes(spec);
        Path file = Path.of(fileName);
        List<PubTatorDocument> documents;
        try {
            documents = PubTatorReader.readAll(file);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        Set<String> types = new TreeSet<>();
        if (fileName.length() < spec.length()) {
            Arrays.stream(spec.substring(fileName.length() + 1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(EntityTypes::normalise).forEach(types::add);
        } else {
            documents.forEach(d -> d.mentions().forEach(m -> types.add(EntityTypes.normalise(m.type()))));
        }
        String name = file.getFileName().toString().replaceFirst("\\.(txt|pubtator|PubTator\\.txt)$", "").replace(".PubTator", "");
        return new TrainingCorpus(name, documents, types, guideline);
    }

    /** {@code spec} without a trailing {@code :Type,Type} list (a ':' inside the path, C:\\... or a timestamp, stays). */
    private static String withoutTypes(String spec) {
        int colon = spec.lastIndexOf(':');
        return colon > 0 && spec.substring(colon + 1).matches("[A-Za-z][A-Za-z, ]*") ? spec.substring(0, colon) : spec;
    }

    /** The first {@code maxDocuments} documents (all when 0 or when there are fewer). */
    public TrainingCorpus limit(int maxDocuments) {
        if (maxDocuments < 0) {
            throw new IllegalArgumentException("maxDocuments must not be negative");
        }
        if (maxDocuments == 0 || documents.size() <= maxDocuments) {
            return this;
        }
        return new TrainingCorpus(name, documents.subList(0, maxDocuments), annotatedTypes, guideline);
    }
}
