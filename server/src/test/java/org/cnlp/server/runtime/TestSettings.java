package org.cnlp.server.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cnlp.server.annotate.RequestLimits;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.server.inbox.InboxSettings;
import org.cnlp.server.security.SecurityMode;

/** Settings for tests: the dictionary pipeline (and the teacher) over the given index, small limits. */
final class TestSettings {

    private TestSettings() {
    }

    static ServerSettings of(Path index, Path dir) {
        return new ServerSettings(index, Optional.empty(), List.of("dictionary"), Optional.empty(), "dictionary", Map.of(),
                Optional.empty(), 1,
                new BatchSettings(4, Duration.ZERO, 16, 1), true, new RequestLimits(10_000, 8, 50), Duration.ofSeconds(10),
                SecurityMode.PROD, dir.resolve("dev-key"), Optional.empty(), List.of("secret-key-0123456789"), Optional.empty(),
                Optional.empty());
    }

    /** Serves {@code dictionary} (the default) and {@code teacher} (model {@code teacher}), bundles from {@code models}. */
    static ServerSettings withTeacher(Path index, Path dir, Optional<Path> models) {
        return new ServerSettings(index, Optional.empty(), List.of("dictionary", "teacher"), Optional.empty(), "dictionary",
                Map.of("teacher", "teacher"), models, 1, new BatchSettings(4, Duration.ZERO, 16, 1), true,
                new RequestLimits(10_000, 8, 50), Duration.ofSeconds(10), SecurityMode.PROD, dir.resolve("dev-key"),
                Optional.empty(), List.of("secret-key-0123456789"), Optional.empty(), Optional.empty());
    }

    /** {@code settings} with the inbox/outbox on. */
    static ServerSettings withInbox(ServerSettings s, InboxSettings inbox) {
        return new ServerSettings(s.terminologyIndex(), s.terminologyCorpora(), s.pipelines(), s.pipelinesFile(),
                s.defaultPipeline(), s.models(), s.modelsDir(), s.instances(), s.batch(), s.sharedModelPasses(), s.limits(), s.requestTimeout(),
                s.securityMode(), s.devKeyFile(), s.apiKeysFile(), s.apiKeys(), Optional.of(inbox), s.vqaModel());
    }

    /** {@code settings} with {@code POST /vqa} answering from the bundle in {@code vqa}. */
    static ServerSettings withVqa(ServerSettings s, Path vqa) {
        return new ServerSettings(s.terminologyIndex(), s.terminologyCorpora(), s.pipelines(), s.pipelinesFile(),
                s.defaultPipeline(), s.models(), s.modelsDir(), s.instances(), s.batch(), s.sharedModelPasses(), s.limits(), s.requestTimeout(),
                s.securityMode(), s.devKeyFile(), s.apiKeysFile(), s.apiKeys(), s.inbox(), Optional.of(vqa));
    }
}
