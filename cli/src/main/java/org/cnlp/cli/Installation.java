package org.cnlp.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.annotators.pipelines.PipelineCatalog;
import org.cnlp.annotators.pipelines.PipelineContext;
import org.cnlp.annotators.pipelines.PipelineDefinition;
import org.cnlp.annotators.pipelines.PipelineFactory;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.terminology.build.TerminologyBuilder;
import org.cnlp.terminology.dense.DenseIndexWriter;
import org.cnlp.terminology.dense.DenseIndexes;
import org.cnlp.terminology.dense.DenseMetadata;
import org.cnlp.terminology.dense.TextEmbedder;
import org.cnlp.terminology.index.TerminologyIndex;

/**
 * What commands share: the installation's folders, the terminology index (built from
 * corpora-samples on first use) and the named pipelines.
 */
final class Installation {

    private final CnlpHome home;
    private final PipelineCatalog catalog;

    Installation(CnlpHome home, Path pipelinesFile) {
        this.home = home;
        this.catalog = pipelinesFile == null ? PipelineCatalog.builtIn() : PipelineCatalog.withOverrides(pipelinesFile);
    }

    CnlpHome home() {
        return home;
    }

    PipelineCatalog catalog() {
        return catalog;
    }

    /** The terminology index, built from corpora-samples if it is not there yet or an older cnlp built it. */
    Path terminologyIndex(PrintStream log) throws IOException {
        Path index = home.terminologyIndex();
        String why = TerminologyBuilder.whyRebuild(index);
        if (why == null) {
            return index;
        }
        if (why.startsWith(TerminologyBuilder.OUTDATED) && !Files.isDirectory(home.corpora())) {
            log.println("cnlp: the terminology index at " + index + " should be rebuilt (" + why + "), but there is no "
                    + home.corpora() + " to build it from; using it as it is");
            return index;
        }
        log.println("cnlp: building the terminology index (" + why + ") into " + index + " ...");
        var report = TerminologyBuilder.build(home.requireCorpora(), index);
        log.println("cnlp: " + report);
        return index;
    }

    /**
     * The concept-name vectors of {@code embedder} over the terminology index, embedded now (with
     * progress on {@code log}) when they are missing, stale or of another model.
     */
    Path conceptVectors(TerminologyIndex index, TextEmbedder embedder, PrintStream log) throws IOException {
        Path vectors = home.conceptVectors();
        String why = DenseIndexes.whyRebuild(vectors, index, embedder);
        if (why != null) {
            log.println("cnlp: embedding the concept names (" + why + ") into " + vectors + " ...");
            embedConcepts(index, embedder, vectors, log);
        }
        return vectors;
    }

    /** Embeds every concept name of {@code index} into {@code target}, with a progress bar. */
    static DenseMetadata embedConcepts(TerminologyIndex index, TextEmbedder embedder, Path target, PrintStream log)
            throws IOException {
        Progress[] progress = new Progress[1];
        int[] done = new int[1];
        DenseMetadata metadata = DenseIndexWriter.write(index, embedder, target, (embedded, total) -> {
            if (progress[0] == null) {
                progress[0] = new Progress("names", total, log);
            }
            while (done[0] < embedded) {
                progress[0].succeeded();
                done[0]++;
            }
        });
        if (progress[0] != null) {
            progress[0].finish();
        }
        log.println("cnlp: " + metadata.vectors() + " names of " + metadata.concepts() + " concepts embedded with "
                + metadata.modelId() + " into " + target);
        return metadata;
    }

    PipelineRunner openPipeline(String name, int instances, PrintStream log) throws IOException, ResourceInitializationException {
        return openPipeline(name, instances, null, log);
    }

    /**
     * The named pipeline with {@code instances} replicas; its model steps merge the replicas'
     * forwards into shared passes as {@code sharedPasses} says (null: each replica runs its own).
     */
    PipelineRunner openPipeline(String name, int instances, BatchSettings sharedPasses, PrintStream log)
            throws IOException, ResourceInitializationException {
        PipelineDefinition definition = catalog.get(name);
        PipelineContext context = new PipelineContext(terminologyIndex(log), home.models(), home.conceptVectors(), sharedPasses);
        return PipelineRunner.create(PipelineFactory.aggregate(definition, context), instances);
    }
}
