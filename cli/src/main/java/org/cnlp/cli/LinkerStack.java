package org.cnlp.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.cnlp.model.embed.SentenceEmbedder;
import org.cnlp.terminology.dense.DenseIndex;
import org.cnlp.terminology.index.TerminologyIndex;
import org.cnlp.terminology.link.ConceptLinker;
import org.cnlp.terminology.link.LinkerSettings;
import org.cnlp.terminology.link.LinkingMode;

/**
 * The parts the linkers of a command share: the terminology index (not owned), and, when a mode
 * needs them, the name embedder and the concept vectors (embedded on first use).
 */
final class LinkerStack implements AutoCloseable {

    private final TerminologyIndex index;
    private final SentenceEmbedder embedder;
    private final DenseIndex dense;

    private LinkerStack(TerminologyIndex index, SentenceEmbedder embedder, DenseIndex dense) {
        this.index = index;
        this.embedder = embedder;
        this.dense = dense;
    }

    /** Opens what {@code modes} need; {@code device} is where exact vector search runs. */
    static LinkerStack open(Installation installation, TerminologyIndex index, List<LinkingMode> modes, String device,
            PrintStream log) throws IOException {
        if (modes.stream().noneMatch(LinkingMode::needsVectors)) {
            return new LinkerStack(index, null, null);
        }
        SentenceEmbedder embedder = SentenceEmbedder.bgeSmall();
        try {
            DenseIndex dense = DenseIndex.open(installation.conceptVectors(index, embedder, log), index, device);
            return new LinkerStack(index, embedder, dense);
        } catch (IOException | RuntimeException e) {
            embedder.close();
            throw e;
        }
    }

    /** A linker in {@code mode} with the default settings. */
    ConceptLinker linker(LinkingMode mode) {
        return new ConceptLinker(index, dense, embedder, LinkerSettings.defaults(mode));
    }

    @Override
    public void close() throws IOException {
        try {
            if (dense != null) {
                dense.close();
            }
        } finally {
            if (embedder != null) {
                embedder.close();
            }
        }
    }
}
