package org.cnlp.server.runtime;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.cnlp.server.annotate.AnnotationService;
import org.cnlp.server.annotate.PipelineRegistry;
import org.cnlp.server.annotate.RequestParser;
import org.cnlp.server.inbox.Inbox;
import org.cnlp.server.terminology.TerminologySearch;
import org.cnlp.server.vqa.VqaService;
import org.cnlp.terminology.index.TerminologyIndex;

/**
 * What the REST resources use once the server is ready. Owns the inbox, the pipelines, the search
 * index and the VQA model; {@link #close()} stops the inbox first (it uses a pipeline's runner), then
 * the pipelines, the index and the VQA model.
 */
public record Services(ServerSettings settings, RequestParser parser, AnnotationService annotation, TerminologySearch search,
        TerminologyIndex index, Instant readySince, Duration loadTime, Optional<Inbox> inbox, VqaService vqa)
        implements AutoCloseable {

    public PipelineRegistry registry() {
        return annotation.registry();
    }

    @Override
    public void close() throws IOException {
        try {
            inbox.ifPresent(Inbox::close);
        } finally {
            try {
                registry().close();
            } finally {
                try {
                    index.close();
                } finally {
                    vqa.close();
                }
            }
        }
    }
}
