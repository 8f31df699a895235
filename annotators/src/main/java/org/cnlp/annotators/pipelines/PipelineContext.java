package org.cnlp.annotators.pipelines;

import java.nio.file.Path;
import org.cnlp.pipeline.microbatch.BatchSettings;

/**
 * What steps need from the installation: where the terminology index lives and the folder of
 * model bundles that a step's {@code model} parameter names.
 *
 * @param terminologyIndex the Lucene terminology index folder
 * @param models the folder holding model bundles by name ({@code models/ner-teacher}), or null
 *     when the installation has none
 * @param conceptVectors the concept-name vectors for dense and hybrid linking
 *     ({@code cnlp terminology embed}), or null; the linking step falls back to lexical linking
 *     when they are missing or stale
 * @param sharedPasses how model steps merge the forwards of concurrent documents into shared
 *     passes ({@code BatchingTokenRunner}), or null to let every engine replica run its own
 */
public record PipelineContext(Path terminologyIndex, Path models, Path conceptVectors, BatchSettings sharedPasses) {

    /** A context whose model steps run their own forward passes. */
    public PipelineContext(Path terminologyIndex, Path models, Path conceptVectors) {
        this(terminologyIndex, models, conceptVectors, null);
    }

    /** A context without a models folder: pipelines with model steps refuse to build. */
    public PipelineContext(Path terminologyIndex) {
        this(terminologyIndex, null, null);
    }

    /** A context without concept vectors. */
    public PipelineContext(Path terminologyIndex, Path models) {
        this(terminologyIndex, models, null);
    }

    /**
     * The bundle folder a step names: a path as given when absolute or when it exists,
     * otherwise a name under {@link #models()}.
     *
     * @throws PipelineConfigException when a bare name is given and there is no models folder
     */
    public Path model(String nameOrPath) {
        Path path = Path.of(nameOrPath);
        if (path.isAbsolute() || java.nio.file.Files.isDirectory(path)) {
            return path;
        }
        if (models == null) {
            throw new PipelineConfigException("model '" + nameOrPath + "' is a name, but no models folder is configured");
        }
        return models.resolve(nameOrPath);
    }
}
