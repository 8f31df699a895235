package org.cnlp.terminology.knn;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of exact kNN search on random unit vectors: for each size, the CPU searcher and (when the
 * probe finds one) CUDA device 0 answer the same batch of queries in one {@code topK} call per round,
 * as batch linking does. Each backend is warmed up first (JIT, PTX compilation, buffer allocation; at
 * least 2 calls and 1 s, at most 10 s unless one call takes longer), then timed over several rounds;
 * slow configurations get fewer rounds (at least 3, or 1 when a single call takes longer than
 * {@value #SLOW_CALL_SECONDS} s). Medians are reported.
 */
public final class KnnBench {

    private static final long WARMUP_NANOS = 1_000_000_000L;
    private static final long MAX_WARMUP_NANOS = 10_000_000_000L;
    private static final double TARGET_SECONDS = 3.0;
    private static final double SLOW_CALL_SECONDS = 20.0;
    private static final int MAX_ROUNDS = 15;
    private static final long SEED = 20_240_601L;

    private KnnBench() {
    }

    /**
     * One measurement.
     *
     * @param backend                the searcher's {@link KnnSearcher#device()}
     * @param vectors                rows searched
     * @param dim                    dimensions
     * @param queries                queries per batch
     * @param medianQueriesPerSecond queries answered per second, from the median batch time
     * @param medianMillisPerBatch   median time of one {@code topK} call in milliseconds
     */
    public record Row(String backend, int vectors, int dim, int queries, double medianQueriesPerSecond,
            double medianMillisPerBatch) {
    }

    /**
     * Runs the benchmark.
     *
     * @param sizes      numbers of vectors to search
     * @param dim        dimensions
     * @param queries    queries per batch
     * @param k          hits per query
     * @param includeGpu also measure CUDA device 0 when {@link CudaProbe} finds it usable
     * @param progress   where progress lines go (null: nowhere); a skipped GPU is reported there with the reason
     * @return one row per size and backend
     */
    public static List<Row> run(List<Integer> sizes, int dim, int queries, int k, boolean includeGpu, PrintStream progress) {
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n == null || n < 1) || dim < 1 || queries < 1 || k < 1
                || k > KnnSearcher.MAX_K) {
            throw new IllegalArgumentException("need sizes >= 1, dim >= 1, queries >= 1 and k in 1.." + KnnSearcher.MAX_K);
        }
        PrintStream out = progress != null ? progress : new PrintStream(OutputStream.nullOutputStream());
        boolean gpu = false;
        if (includeGpu) {
            CudaProbe.Availability availability = CudaProbe.probe(0);
            gpu = availability.available();
            out.println(gpu ? "GPU: " + availability.reason() : "GPU skipped: " + availability.reason());
        }
        float[] queryData = VectorMatrix.random(queries, dim, SEED).data();
        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            VectorMatrix matrix = VectorMatrix.random(n, dim, SEED + n);
            try (KnnSearcher cpu = new CpuKnnSearcher(matrix)) {
                rows.add(measure(cpu, n, dim, queryData, queries, k, out));
            }
            if (gpu) {
                try (KnnSearcher cuda = new CudaKnnSearcher(matrix, 0)) {
                    rows.add(measure(cuda, n, dim, queryData, queries, k, out));
                } catch (RuntimeException e) {
                    out.println("GPU skipped for " + n + " vectors: " + e.getMessage());
                }
            }
        }
        return rows;
    }

    private static Row measure(KnnSearcher searcher, int n, int dim, float[] queryData, int queries, int k, PrintStream out) {
        long checksum = 0;
        int warmups = 0;
        long warmupStart = System.nanoTime();
        long elapsed;
        do {
            checksum += searcher.topK(queryData, queries, k)[0].rows()[0];
            warmups++;
            elapsed = System.nanoTime() - warmupStart;
        } while ((warmups < 2 || elapsed < WARMUP_NANOS) && elapsed < MAX_WARMUP_NANOS);
        double perCall = (System.nanoTime() - warmupStart) / 1e9 / warmups;
        int rounds = perCall > SLOW_CALL_SECONDS ? 1 : (int) Math.max(3, Math.min(MAX_ROUNDS, TARGET_SECONDS / perCall));
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            checksum += searcher.topK(queryData, queries, k)[0].rows()[0];
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        double median = rounds % 2 == 1 ? millis[rounds / 2] : (millis[rounds / 2 - 1] + millis[rounds / 2]) / 2;
        Row row = new Row(searcher.device(), n, dim, queries, queries / (median / 1000), median);
        out.printf(Locale.ROOT, "%-36s %,10d vectors x %d, %d queries, k %d: %10.3f ms/batch %,14.0f queries/s"
                + " (median of %d, checksum %d)%n", row.backend(), n, dim, queries, k, median, row.medianQueriesPerSecond(),
                rounds, checksum);
        return row;
    }

    /** The rows as a plain-text table. */
    public static String format(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-36s %10s %5s %7s %12s %14s%n", "backend",
                "vectors", "dim", "queries", "ms/batch", "queries/s"));
        for (Row row : rows) {
            sb.append(String.format(Locale.ROOT, "%-36s %,10d %5d %7d %12.3f %,14.0f%n", row.backend(), row.vectors(),
                    row.dim(), row.queries(), row.medianMillisPerBatch(), row.medianQueriesPerSecond()));
        }
        return sb.toString();
    }
}
