package org.cnlp.pipeline.batch.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import com.fasterxml.jackson.databind.JsonNode;
import org.cnlp.pipeline.internal.Json;

/**
 * Cleans up after a batch that was killed: removes temporary files of interrupted writes (in the
 * outbox and in {@code .error/}) and error reports whose original never moved to {@code .error/}
 * (that original is still in the inbox and will be worked again). Run before a batch starts,
 * under the folder locks.
 */
public final class Recovery {

    /** What a sweep removed. */
    public record Result(int temporaryFiles, int orphanReports) {
    }

    private Recovery() {
    }

    public static Result sweep(FolderLayout layout) throws IOException {
        int temporary = deleteTemporaryFiles(layout.outbox()) + deleteTemporaryFiles(layout.error());
        int orphans = 0;
        if (Files.isDirectory(layout.error())) {
            try (var files = Files.walk(layout.error())) {
                for (Path report : files.filter(p -> p.getFileName().toString().endsWith(FolderLayout.REPORT_SUFFIX)).toList()) {
                    if (isOrphanReport(layout, report)) {
                        Files.deleteIfExists(report);
                        orphans++;
                    }
                }
            }
        }
        return new Result(temporary, orphans);
    }

    private static boolean isOrphanReport(FolderLayout layout, Path report) {
        String name = report.getFileName().toString();
        Path original = report.resolveSibling(name.substring(0, name.length() - FolderLayout.REPORT_SUFFIX.length()));
        if (Files.exists(original)) {
            return false;
        }
        try {
            JsonNode node = Json.TREE_READER.readTree(Files.readAllBytes(report));
            return ErrorReports.SCHEMA.equals(node.path("schema").asText())
                    && layout.errorFile(node.path("file").asText()).equals(original);
        } catch (IOException e) {
            return false;
        }
    }

    private static int deleteTemporaryFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int[] deleted = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (AtomicWrites.isTemporary(file) && Files.deleteIfExists(file)) {
                    deleted[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return deleted[0];
    }
}
