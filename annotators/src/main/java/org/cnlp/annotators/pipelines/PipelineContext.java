package org.cnlp.annotators.pipelines;

import java.nio.file.Path;

/**
 * What steps need from the installation: where the terminology index lives (and, as models
 * arrive, where their bundles are).
 */
public record PipelineContext(Path terminologyIndex) {
}
