package org.cnlp.annotators.pipelines;

import java.util.ArrayList;
import java.util.List;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.resource.ResourceInitializationException;

/** Assembles a {@link PipelineDefinition} into one aggregate engine description. */
public final class PipelineFactory {

    private PipelineFactory() {
    }

    public static AnalysisEngineDescription aggregate(PipelineDefinition definition, PipelineContext context)
            throws ResourceInitializationException {
        List<AnalysisEngineDescription> engines = new ArrayList<>();
        for (PipelineDefinition.Step step : definition.steps()) {
            engines.add(StepRegistry.describe(step, context));
        }
        AnalysisEngineDescription aggregate = AnalysisEngineFactory.createEngineDescription(
                engines.toArray(AnalysisEngineDescription[]::new));
        aggregate.getMetaData().setName(definition.name());
        return aggregate;
    }
}
