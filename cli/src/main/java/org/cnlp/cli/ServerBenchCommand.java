package org.cnlp.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cnlp.pipeline.input.DocumentSources;
import org.cnlp.pipeline.input.SourceDocument;
import org.cnlp.pipeline.input.TextValidator;
import org.cnlp.model.encoder.BatchingTokenRunner;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.pipeline.run.PipelineRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Load test of a running cnlp server against the same notes through the in-process pipeline:
 * docs/s, p50 and p99 latency at each client count, and the server's resident memory. Clients are
 * closed-loop (each sends its next note when the previous answer arrived), on loopback, with the
 * JDK HTTP client over HTTP/1.1 keep-alive connections.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Benchmarks a running cnlp server (./cnlp serve) against the in-process pipeline over the sample notes:",
                "docs/s, p50/p99 latency at 1, 8 and 32 concurrent clients, /annotate/batch throughput and the server's RSS."})
final class ServerBenchCommand implements Callable<Integer> {

    private static final Pattern RSS = Pattern.compile("\"rssBytes\"\\s*:\\s*(\\d+)");
    private static final Pattern CPU = Pattern.compile("\"cpuMillis\"\\s*:\\s*(\\d+)");

    @ParentCommand
    Object parent;

    @Option(names = "--url", defaultValue = "http://localhost:9080", description = "Server base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--key-file", description = "File holding the API key (default: <work>/server/dev-api-key).")
    Path keyFile;

    @Option(names = "--clients", split = ",", defaultValue = "1,8,32", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per figure (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5", description = "Warm-up seconds before measuring (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--max-warmup-seconds", defaultValue = "300",
            description = {"Before the first figure of the server and of the in-process pipeline, load runs in 10 s rounds at 8 clients",
                    "until the annotating process's CPU per document changes by less than 10% twice in a row (the JIT has",
                    "compiled the request path), at most this long (default: ${DEFAULT-VALUE})."})
    int maxWarmupSeconds;

    @Option(names = "--pipeline", defaultValue = "dictionary", description = "Named pipeline (default: ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--batch-size", defaultValue = "16",
            description = "Notes per /annotate/batch call for the batch figure, 0 to skip (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--server-only", description = "Skip the in-process figures.")
    boolean serverOnly;

    @Option(names = "--instances", description = {"Replicas of the in-process pipeline (default: the server's default,",
            "cnlp.pipeline.instances: two per core, at least 4)."})
    Integer instances;

    @Option(names = "--shared-pass", defaultValue = "32", description = {"Sequences per shared forward pass of the in-process",
            "pipeline's model steps, as the server's cnlp.batch.max-size; 0: each replica runs its own (default: ${DEFAULT-VALUE})."})
    int sharedPass;

    /**
     * One measured figure.
     *
     * @param serverCpuMillis CPU time the annotating process (the server, or this JVM in process) spent in the measured period
     * @param ownCpuMillis    CPU time this JVM spent (for server figures: the clients)
     */
    record Figure(String what, int clients, long documents, long errors, double seconds, long[] latencyNanos, long serverCpuMillis,
            long ownCpuMillis) {

        double cpuMillisPerDoc(long millis) {
            return documents == 0 || millis < 0 ? Double.NaN : (double) millis / documents;
        }

        double docsPerSecond() {
            return documents / seconds;
        }

        double percentileMillis(double p) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latencyNanos.length - 1, Math.ceil(p * latencyNanos.length) - 1);
            return latencyNanos[Math.max(0, index)] / 1e6;
        }
    }

    /** Sends or runs one unit of work (one note, or one batch of notes) and says how many notes it carried. */
    @FunctionalInterface
    private interface Work {
        int run(int client, long sequence) throws Exception;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServerBenchCommand()).execute(args));
    }

    private CnlpHome home() {
        return switch (parent) {
            case Cnlp cnlp -> cnlp.home();
            case BenchCommand bench -> bench.parent.home();
            case null, default -> CnlpHome.detect();
        };
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || warmupSeconds < 0 || clients.isEmpty() || clients.stream().anyMatch(c -> c < 1) || batchSize < 0) {
            throw new IllegalArgumentException("--seconds and --clients must be at least 1, --warmup-seconds and --batch-size at least 0");
        }
        CnlpHome home = home();
        String key = Files.readString(keyFile == null ? home.work().resolve("server").resolve("dev-api-key") : keyFile).strip();
        List<SourceDocument> notes = notes(home);
        long characters = notes.stream().mapToLong(n -> n.text().length()).sum();
        PrintStream out = System.out;
        out.printf("cnlp bench server: %s, pipeline '%s', %d sample notes (%.1f KB average), %d cores, %s %s%n", url, pipeline,
                notes.size(), characters / 1024.0 / notes.size(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        out.printf("closed-loop clients, %d s warm-up and %d s measured per figure; CPU ms/doc: CPU time of the annotating process"
                + " (server, or this JVM in process) per document, robust to other load on the machine%n%n", warmupSeconds, seconds);
        out.printf("%-34s %7s %10s %9s %9s %7s %14s %14s%n", "", "clients", "docs/s", "p50 ms", "p99 ms", "errors",
                "CPU ms/doc", "client ms/doc");
        List<Figure> figures = new ArrayList<>();
        if (!serverOnly) {
            int instances = this.instances != null ? this.instances : PipelineRunner.defaultInstances();
            BatchSettings shared = sharedPass == 0 ? null : BatchingTokenRunner.settings(sharedPass, Duration.ZERO);
            try (PipelineRunner runner = new Installation(home, null).openPipeline(pipeline, instances, shared, System.err)) {
                Work local = (client, sequence) -> {
                    runner.process(note(notes, client, sequence), jcas -> jcas.getDocumentText().length());
                    return 1;
                };
                warmUp("in-process pipeline", ServerBenchCommand::ownCpuMillis, local);
                for (int c : clients) {
                    String what = "in-process pipeline (" + instances + " CASes" + (shared == null ? "" : ", shared " + sharedPass) + ")";
                    figures.add(print(out, measure(what, c,
                            ServerBenchCommand::ownCpuMillis, local)));
                }
            }
        }
        List<byte[]> bodies = notes.stream().map(n -> n.text().getBytes(StandardCharsets.UTF_8)).toList();
        URI annotate = URI.create(url + "/api/v1/annotate?pipeline=" + URLEncoder.encode(pipeline, StandardCharsets.UTF_8));
        HttpWork single = (http, client, sequence) -> {
            HttpRequest request = HttpRequest.newBuilder(annotate).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "text/plain; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(index(notes, client, sequence)))).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? 1 : -1;
        };
        withClients(8, https -> {
            warmUp("server", () -> serverCpuMillis(https.getFirst(), key),
                    (client, sequence) -> single.run(https.get(client), client, sequence));
            return null;
        });
        for (int c : clients) {
            figures.add(print(out, measureHttp("server POST /annotate (text/plain)", c, key, single)));
        }
        if (batchSize > 0) {
            URI batch = URI.create(url + "/api/v1/annotate/batch");
            // At most as many calls as the server's default queue (256 documents) holds at once: more would be answered 429.
            int c = Math.min(clients.stream().mapToInt(Integer::intValue).max().orElse(1), Math.max(1, 256 / batchSize));
            figures.add(print(out, measureHttp("server POST /annotate/batch (" + batchSize + "/call)", c, key, (http, client, sequence) -> {
                StringBuilder json = new StringBuilder("{\"pipeline\":\"").append(pipeline).append("\",\"documents\":[");
                for (int i = 0; i < batchSize; i++) {
                    json.append(i == 0 ? "" : ",").append("{\"text\":")
                            .append(jsonString(note(notes, client, sequence * batchSize + i).text())).append('}');
                }
                HttpRequest request = HttpRequest.newBuilder(batch).header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.append("]}").toString()))
                        .build();
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? batchSize : -batchSize;
            })));
        }
        out.println();
        summary(out, figures, key);
        return figures.stream().anyMatch(f -> f.errors() > 0) ? Cnlp.EXIT_PARTIAL_FAILURE : 0;
    }

    private void summary(PrintStream out, List<Figure> figures, String key) throws IOException, InterruptedException {
        for (int c : clients) {
            Figure local = find(figures, "in-process", c);
            Figure server = find(figures, "server POST /annotate (", c);
            if (local != null && server != null) {
                out.printf("at %2d clients: server/in-process docs/s %.2f, CPU per doc %.2f; server p99/p50 %.1f%n", c,
                        server.docsPerSecond() / local.docsPerSecond(),
                        server.cpuMillisPerDoc(server.serverCpuMillis()) / local.cpuMillisPerDoc(local.serverCpuMillis()),
                        server.percentileMillis(0.99) / server.percentileMillis(0.5));
            }
        }
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/models"))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
            Matcher rss = RSS.matcher(models.body());
            out.printf("server RSS after the run: %s (GET /models); this bench JVM: %s%n",
                    rss.find() ? megabytes(Long.parseLong(rss.group(1))) : "unknown", megabytes(ownRss()));
        }
    }

    private static Figure find(List<Figure> figures, String prefix, int clients) {
        return figures.stream().filter(f -> f.what().startsWith(prefix) && f.clients() == clients).findFirst().orElse(null);
    }

    /**
     * Runs 10 s rounds of {@code work} at 8 clients, at least three, until CPU per document settles
     * (two rounds in a row within 10% of the one before) or the time is up.
     */
    private void warmUp(String what, CpuClock annotator, Work work) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(maxWarmupSeconds).toNanos();
        List<Double> rounds = new ArrayList<>();
        StringBuilder trace = new StringBuilder();
        while (System.nanoTime() < deadline) {
            long before = annotator.millis();
            Run round = run(8, Duration.ofSeconds(10), work);
            double perDoc = round.documents() == 0 ? Double.NaN : (double) (annotator.millis() - before) / round.documents();
            trace.append(String.format(" %.2f", perDoc));
            rounds.add(perDoc);
            int n = rounds.size();
            if (n >= 3 && settled(rounds.get(n - 3), rounds.get(n - 2)) && settled(rounds.get(n - 2), rounds.get(n - 1))) {
                break;
            }
        }
        System.err.printf("warm-up of the %s, CPU ms/doc per 10 s round:%s%n", what, trace);
    }

    private static boolean settled(double before, double after) {
        return Math.abs(after - before) < 0.1 * before;
    }

    /** CPU milliseconds a process has used so far. */
    @FunctionalInterface
    private interface CpuClock {
        long millis() throws Exception;
    }

    /**
     * Runs {@code work} on {@code clients} threads, first unmeasured for the warm-up, then measured,
     * reading the annotating process's CPU clock around the measured part.
     */
    private Figure measure(String what, int clients, CpuClock annotator, Work work) throws Exception {
        run(clients, Duration.ofSeconds(warmupSeconds), work);
        long annotatorBefore = annotator.millis();
        long ownBefore = ownCpuMillis();
        Run run = run(clients, Duration.ofSeconds(seconds), work);
        long ownCpu = ownCpuMillis() - ownBefore;
        return run.named(what, annotator.millis() - annotatorBefore, ownCpu);
    }

    @FunctionalInterface
    private interface HttpWork {
        int run(HttpClient http, int client, long sequence) throws Exception;
    }

    private Figure measureHttp(String what, int clients, String key, HttpWork work) throws Exception {
        return withClients(clients, https -> measure(what, clients, () -> serverCpuMillis(https.getFirst(), key),
                (client, sequence) -> work.run(https.get(client), client, sequence)));
    }

    @FunctionalInterface
    private interface WithClients<T> {
        T run(List<HttpClient> clients) throws Exception;
    }

    /** One HTTP client (own connection) per simulated client, closed afterwards. */
    private static <T> T withClients(int count, WithClients<T> body) throws Exception {
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            https.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build());
        }
        try {
            return body.run(https);
        } finally {
            https.forEach(HttpClient::close);
        }
    }

    /** The server's process CPU time, from GET /models. */
    private long serverCpuMillis(HttpClient http, String key) throws IOException, InterruptedException {
        HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/models"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        Matcher cpu = CPU.matcher(models.body());
        return cpu.find() ? Long.parseLong(cpu.group(1)) : -1;
    }

    private static long ownCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    /** A figure under construction. */
    private record Run(int clients, long documents, long errors, double seconds, long[] latencies) {
        Figure named(String what, long annotatorCpuMillis, long ownCpuMillis) {
            return new Figure(what, clients, documents, errors, seconds, latencies, annotatorCpuMillis, ownCpuMillis);
        }
    }

    private static Run run(int clients, Duration duration, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong documents = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int client = t;
                futures.add(pool.submit(() -> {
                    long[] latencies = new long[1024];
                    int count = 0;
                    for (long sequence = 0; System.nanoTime() < end; sequence++) {
                        long before = System.nanoTime();
                        int carried = work.run(client, sequence);
                        long nanos = System.nanoTime() - before;
                        if (carried > 0) {
                            documents.addAndGet(carried);
                        } else {
                            errors.addAndGet(-carried);
                        }
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = nanos;
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
            List<long[]> parts = new ArrayList<>();
            for (Future<long[]> future : futures) {
                parts.add(future.get());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Run(clients, documents.get(), errors.get(), elapsed, all);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Figure print(PrintStream out, Figure figure) {
        boolean server = figure.what().startsWith("server");
        out.printf("%-34s %7d %10.1f %9.2f %9.2f %7d %14.3f %14s%n", figure.what(), figure.clients(), figure.docsPerSecond(),
                figure.percentileMillis(0.5), figure.percentileMillis(0.99), figure.errors(),
                figure.cpuMillisPerDoc(figure.serverCpuMillis()),
                server ? String.format("%.3f", figure.cpuMillisPerDoc(figure.ownCpuMillis())) : "-");
        return figure;
    }

    private static int index(List<SourceDocument> notes, int client, long sequence) {
        return (int) Math.floorMod(client * 7919L + sequence, (long) notes.size());
    }

    private static SourceDocument note(List<SourceDocument> notes, int client, long sequence) {
        return notes.get(index(notes, client, sequence));
    }

    private static List<SourceDocument> notes(CnlpHome home) throws Exception {
        DocumentSources sources = new DocumentSources(new TextValidator());
        List<SourceDocument> notes = new ArrayList<>();
        for (Path file : sources.expand(List.of(home.sampleNotes(), home.corpora().resolve("notes").resolve("mts-dialog-txt")))) {
            notes.addAll(sources.read(file));
        }
        return notes;
    }

    private static String jsonString(String text) {
        StringBuilder json = new StringBuilder(text.length() + 16).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static long ownRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).strip().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "unknown" : String.format("%.0f MB", bytes / 1048576.0);
    }
}
