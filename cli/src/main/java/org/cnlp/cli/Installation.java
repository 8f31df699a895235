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
import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.terminology.build.TerminologyBuilder;

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

    /** The terminology index, built from corpora-samples if it is not there yet. */
    Path terminologyIndex(PrintStream log) throws IOException {
        Path index = home.terminologyIndex();
        if (!Files.isDirectory(index) || isEmpty(index)) {
            log.println("cnlp: building the terminology index (first use) into " + index + " ...");
            var report = TerminologyBuilder.build(home.requireCorpora(), index);
            log.println("cnlp: " + report);
        }
        return index;
    }

    PipelineRunner openPipeline(String name, int instances, PrintStream log) throws IOException, ResourceInitializationException {
        PipelineDefinition definition = catalog.get(name);
        PipelineContext context = new PipelineContext(terminologyIndex(log), home.models());
        return PipelineRunner.create(PipelineFactory.aggregate(definition, context), instances);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
