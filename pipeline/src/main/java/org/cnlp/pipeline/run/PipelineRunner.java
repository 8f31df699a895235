package org.cnlp.pipeline.run;

import java.util.List;
import java.util.Map;

import org.apache.uima.UIMAFramework;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.CASException;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.resource.ResourceManager;
import org.apache.uima.util.CasPool;
import org.cnlp.pipeline.input.SourceDocument;

/**
 * Runs documents through one aggregate engine with a pool of reusable CASes. Thread-safe: up
 * to {@code instances} callers process documents at the same time, each on its own CAS and
 * engine replica; further callers wait for a free CAS. All replicas share one
 * {@link ResourceManager}, so shared resources (the terminology dictionary) load once.
 */
public final class PipelineRunner implements AutoCloseable {

    /** What a caller does with the annotated CAS before it goes back to the pool. */
    @FunctionalInterface
    public interface CasHandler<T> {
        T handle(JCas annotated) throws Exception;
    }

    private final String name;
    private final AnalysisEngine engine;
    private final ResourceManager resources;
    private final CasPool pool;

    private PipelineRunner(String name, AnalysisEngine engine, ResourceManager resources, CasPool pool) {
        this.name = name;
        this.engine = engine;
        this.resources = resources;
        this.pool = pool;
    }

    /**
     * Replicas for a machine's cores when the caller has no figure of its own: two per core, at
     * least 4, so that while one document's model pass runs, other replicas prepare theirs.
     */
    public static int defaultInstances() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    /** The external resources of the pipeline's steps that are of {@code type} (loaded once, shared by the replicas). */
    public <T> List<T> externalResources(Class<T> type) {
        return resources.getExternalResources().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public static PipelineRunner create(AnalysisEngineDescription description, int instances)
            throws ResourceInitializationException {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be >= 1, got " + instances);
        }
        ResourceManager resources = UIMAFramework.newDefaultResourceManager();
        AnalysisEngine engine = UIMAFramework.produceAnalysisEngine(description, resources,
                Map.of(AnalysisEngine.PARAM_NUM_SIMULTANEOUS_REQUESTS, instances));
        return new PipelineRunner(description.getMetaData().getName(), engine, resources, new CasPool(instances, engine));
    }

    public String name() {
        return name;
    }

    /**
     * Annotates one document and hands the CAS to {@code handler}; the CAS is reset and returned to
     * the pool afterwards, so the handler must not keep references to it.
     */
    public <T> T process(SourceDocument document, CasHandler<T> handler) throws PipelineException {
        CAS cas = pool.getCas(0);
        try {
            JCas jcas = cas.getJCas();
            document.loadInto(jcas);
            engine.process(jcas);
            return handler.handle(jcas);
        } catch (AnalysisEngineProcessException | CASException e) {
            throw new PipelineException(document.id() + ": annotation failed in pipeline '" + name + "': "
                    + rootMessage(e), e);
        } catch (Exception e) {
            throw new PipelineException(document.id() + ": writing the result failed: " + rootMessage(e), e);
        } finally {
            pool.releaseCas(cas);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        try {
            engine.destroy();
        } finally {
            resources.destroy();
        }
    }
}
