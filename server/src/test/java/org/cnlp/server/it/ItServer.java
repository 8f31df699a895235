package org.cnlp.server.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Liberty server the build started for the integration tests (failsafe passes its URL, the
 * development key file and the log folder as system properties), and a small HTTP client for it.
 * Every note text the tests send contains {@link #MARKER}, which must never reach a log file.
 */
final class ItServer implements AutoCloseable {

    /** A made-up patient name in every note the tests send; LogHygieneIT looks for it in the server's logs. */
    static final String MARKER = "Zebulonia";
    static final String JSON = "application/json";
    static final String XMI = "application/vnd.uima.xmi+xml";
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A fresh Liberty creates its LTPA keys and TLS certificate first: on a busy 2-core machine that takes minutes. */
    private static final Duration APP_START_LIMIT = Duration.ofMinutes(4);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    ItServer() {
        awaitApplicationStarted();
    }

    /**
     * Waits until the application has started (its key file exists and its readiness check is
     * listed, loading or up), whatever the Liberty start goal reported.
     */
    private void awaitApplicationStarted() {
        Path keyFile = Path.of(System.getProperty("cnlp.it.keyFile", "target/it-server/dev-api-key"));
        long deadline = System.nanoTime() + APP_START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(keyFile) && send(plain("/health/ready").GET().build()).body().contains("cnlp-pipelines")) {
                    return;
                }
                Thread.sleep(500);
            } catch (IOException e) {
                sleepQuietly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server", e);
            }
        }
        throw new IllegalStateException("cnlp-server did not start within " + APP_START_LIMIT);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String baseUrl() {
        return System.getProperty("cnlp.it.baseUrl", "http://localhost:9080");
    }

    static Path logDir() {
        return Path.of(System.getProperty("cnlp.it.logDir", "target/liberty/wlp/usr/servers/cnlpIT/logs"));
    }

    static String key() throws IOException {
        return Files.readString(Path.of(System.getProperty("cnlp.it.keyFile", "target/it-server/dev-api-key"))).strip();
    }

    static String note(String text) {
        return "Patient " + MARKER + ": " + text;
    }

    HttpRequest.Builder request(String path) throws IOException {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postJson(String path, Object body) throws IOException, InterruptedException {
        return post(path, JSON, MAPPER.writeValueAsBytes(body));
    }

    /** An unauthenticated request. */
    HttpResponse<String> anonymous(HttpRequest.Builder builder) throws IOException, InterruptedException {
        return send(builder.build());
    }

    static HttpRequest.Builder plain(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body());
    }

    @Override
    public void close() {
        client.close();
    }
}
