package org.cnlp.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last. Every note the integration tests sent (successes, malformed JSON, invalid UTF-8,
 * oversized and refused bodies) carried {@link ItServer#MARKER}; no file the server wrote under
 * its logs folder (messages.log, trace.log with org.cnlp.* traced at every level, console.log,
 * FFDC incidents) may contain it. The request ids must be there.
 */
@Order(Integer.MAX_VALUE)
class LogHygieneIT {

    private static final ItServer server = new ItServer();

    @AfterAll
    static void close() {
        server.close();
    }

    @Test
    void noNoteTextInAnyLogFileButRequestIdsAreLogged() throws Exception {
        server.send(server.request("/api/v1/annotate").header("Content-Type", ItServer.JSON).header("X-Request-Id", "log-check-42")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        ItServer.MAPPER.writeValueAsString(Map.of("text", ItServer.note("Denies chest pain.")))))
                .build());
        Path messages = ItServer.logDir().resolve("messages.log");
        String expected = "request log-check-42 POST /annotate -> 200";
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.readString(messages, StandardCharsets.ISO_8859_1).contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.readString(messages, StandardCharsets.ISO_8859_1).contains(expected), "no access line for the request id");

        List<Path> files;
        try (Stream<Path> walk = Files.walk(ItServer.logDir())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("trace.log")), "trace.log missing: " + files);
        long bytes = 0;
        for (Path file : files) {
            String content = Files.readString(file, StandardCharsets.ISO_8859_1);
            bytes += content.length();
            assertFalse(content.contains(ItServer.MARKER), "note text in " + file);
        }
        assertTrue(bytes > 10_000, "suspiciously little logged: " + bytes + " bytes");
        assertEquals(200, server.anonymous(ItServer.plain("/health/live")).statusCode());
    }
}
