package org.cnlp.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an installation keeps things: the repository root (shipped data), and the work folder
 * for what the CLI builds (the terminology index, demo output). The launcher passes the root as
 * {@code -Dcnlp.root}; {@code CNLP_WORK} moves the work folder.
 */
public record CnlpHome(Path root, Path work) {

    public static CnlpHome detect() {
        Path root = Path.of(System.getProperty("cnlp.root", ".")).toAbsolutePath().normalize();
        String work = System.getenv("CNLP_WORK");
        return new CnlpHome(root, work == null || work.isBlank() ? root.resolve("work") : Path.of(work).toAbsolutePath());
    }

    public Path corpora() {
        return root.resolve("corpora-samples");
    }

    /** The shipped model bundles ({@code models/ner-teacher}, ...). */
    public Path models() {
        return root.resolve("models");
    }

    public Path terminologyIndex() {
        return work.resolve("terminology-index");
    }

    /** The concept-name vectors for dense linking ({@code cnlp terminology embed}). */
    public Path conceptVectors() {
        return org.cnlp.terminology.dense.DenseIndexes.besideIndex(terminologyIndex());
    }

    public Path sampleNotes() {
        return corpora().resolve("notes").resolve("mtsamples-txt");
    }

    public Path requireCorpora() {
        Path corpora = corpora();
        if (!Files.isDirectory(corpora)) {
            throw new IllegalStateException("corpora-samples not found at " + corpora
                    + "; run cnlp through the ./cnlp launcher in the repository root");
        }
        return corpora;
    }
}
