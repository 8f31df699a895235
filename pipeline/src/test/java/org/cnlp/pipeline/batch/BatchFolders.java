package org.cnlp.pipeline.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Helpers to lay out and inspect batch folders in tests. */
final class BatchFolders {

    private BatchFolders() {
    }

    /** Writes a file dated an hour ago, so that it counts as settled at once. */
    static Path old(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
        return file;
    }

    static Path old(Path file, String content) throws IOException {
        return old(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Relative paths ('/'-separated) of the regular files under {@code dir}, hidden ones included when asked. */
    static Set<String> files(Path dir, boolean includeHidden) throws IOException {
        Set<String> result = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String relative = dir.relativize(p).toString().replace('\\', '/');
                boolean hidden = Stream.of(relative.split("/")).anyMatch(part -> part.startsWith("."));
                if (includeHidden || !hidden) {
                    result.add(relative);
                }
            }
        }
        return result;
    }

    /** Outputs: the visible files of the outbox other than the batch's own. */
    static Set<String> outputs(Path outbox) throws IOException {
        Set<String> result = files(outbox, false);
        result.removeAll(List.of(BatchSummary.JSON_FILE, BatchSummary.TEXT_FILE, "TypeSystem.xml"));
        return result;
    }
}
