package org.cnlp.terminology.dense;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cnlp.terminology.index.TerminologyIndex;
import org.cnlp.terminology.index.TerminologyIndexException;

/** Checks on a dense folder before it is opened. */
public final class DenseIndexes {

    /** The folder name of the vectors beside their terminology index. */
    public static final String DEFAULT_FOLDER = "concept-vectors";

    private DenseIndexes() {}

    /**
     * Where the CLI and the server keep the vectors of the index in {@code terminologyIndex}:
     * the folder {@value #DEFAULT_FOLDER} beside it.
     */
    public static Path besideIndex(Path terminologyIndex) {
        return terminologyIndex.toAbsolutePath().resolveSibling(DEFAULT_FOLDER);
    }

    /**
     * Why the vectors in {@code dir} must be (re)built for {@code index} and {@code embedder}:
     * missing, unreadable, built from another terminology build or with another model; null when
     * they are current.
     */
    public static String whyRebuild(Path dir, TerminologyIndex index, TextEmbedder embedder) {
        if (!Files.isRegularFile(dir.resolve(DenseMetadata.FILE_NAME))) {
            return "first use";
        }
        DenseMetadata metadata;
        try {
            metadata = DenseMetadata.read(dir);
        } catch (TerminologyIndexException e) {
            return "unreadable metadata";
        }
        if (!metadata.terminologyBuilt().equals(index.metadata().builtAt())) {
            return "the terminology index was rebuilt";
        }
        if (!metadata.modelId().equals(embedder.modelId()) || metadata.dimension() != embedder.dimension()) {
            return "built with " + metadata.modelId() + ", now " + embedder.modelId();
        }
        return null;
    }
}
