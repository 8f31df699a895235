package org.cnlp.distill.data;

import java.io.IOException;
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
 */
public record TrainingCorpus(String name, List<PubTatorDocument> documents, Set<String> annotatedTypes) {

    public TrainingCorpus {
        documents = List.copyOf(documents);
        annotatedTypes = Set.copyOf(annotatedTypes);
    }

    /**
     * Reads {@code FILE} or {@code FILE:Type,Type}. Without types, the corpus annotates the
     * normalised types its mentions carry.
     *
     * @throws IOException when the file cannot be read or parsed (the message names it)
     */
    public static TrainingCorpus read(String spec) throws IOException {
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && !spec.substring(colon + 1).matches("[A-Za-z][A-Za-z, ]*")) {
            colon = -1; // a ':' inside the path (C:\\..., a timestamp), not a type list
        }
        Path file = Path.of(colon > 0 ? spec.substring(0, colon) : spec);
        List<PubTatorDocument> documents;
        try {
            documents = PubTatorReader.readAll(file);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        Set<String> types = new TreeSet<>();
        if (colon > 0) {
            Arrays.stream(spec.substring(colon + 1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(EntityTypes::normalise).forEach(types::add);
        } else {
            documents.forEach(d -> d.mentions().forEach(m -> types.add(EntityTypes.normalise(m.type()))));
        }
        String name = file.getFileName().toString().replaceFirst("\\.(txt|pubtator|PubTator\\.txt)$", "").replace(".PubTator", "");
        return new TrainingCorpus(name, documents, types);
    }

    /** The first {@code maxDocuments} documents (all when 0 or when there are fewer). */
    public TrainingCorpus limit(int maxDocuments) {
        if (maxDocuments < 0) {
            throw new IllegalArgumentException("maxDocuments must not be negative");
        }
        if (maxDocuments == 0 || documents.size() <= maxDocuments) {
            return this;
        }
        return new TrainingCorpus(name, documents.subList(0, maxDocuments), annotatedTypes);
    }
}
