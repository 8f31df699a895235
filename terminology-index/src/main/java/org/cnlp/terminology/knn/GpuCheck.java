package org.cnlp.terminology.knn;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Checks a GPU machine: probes CUDA, compares {@link CudaKnnSearcher} with {@link CpuKnnSearcher} on
 * random matrices (same rows, bit-identical scores; odd sizes and dimensions, duplicated rows for ties,
 * k = 1, 10, 128, small device budgets for many chunks and query batches), then runs {@link KnnBench}
 * at 10k, 100k and 1M vectors (dim 384, 64 queries, k 10). Run it with {@code terminology-index/gpu-check.sh}.
 * Options: {@code --device=N} (default 0), {@code --no-bench}.
 * Exit status: 0 all identical, 1 a mismatch, 2 an error, 3 no usable GPU.
 */
public final class GpuCheck {

    private static final int[] KS = {1, 10, 128};

    private GpuCheck() {
    }

    /** A matrix and queries to compare on. */
    private record Case(String name, VectorMatrix matrix, float[] queries, int numQueries, long scoreBudget,
            long candidateBudget) {
    }

    /** Runs the check and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        int device = 0;
        boolean bench = true;
        for (String arg : args) {
            if (arg.startsWith("--device=")) {
                device = Integer.parseInt(arg.substring("--device=".length()));
            } else if (arg.equals("--no-bench")) {
                bench = false;
            } else {
                out.println("unknown option " + arg + " (options: --device=N, --no-bench)");
                return 2;
            }
        }
        out.println("java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " processors, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        CudaProbe.Availability availability = CudaProbe.probe(device);
        out.println("CUDA probe cuda:" + device + ": " + (availability.available() ? "available, " : "unavailable, ")
                + availability.reason());
        if (!availability.available()) {
            out.println("RESULT: no usable GPU, nothing checked");
            return 3;
        }
        int mismatches;
        try {
            mismatches = compareAll(device, out);
        } catch (RuntimeException | Error e) {
            out.println("RESULT: ERROR during the identity checks: " + e);
            e.printStackTrace(out);
            return 2;
        }
        if (mismatches > 0) {
            out.println("RESULT: FAILED, " + mismatches + " identity check(s) differ between CPU and GPU");
            return 1;
        }
        out.println("identity: all checks passed (same rows, bit-identical scores)");
        if (bench) {
            try {
                List<KnnBench.Row> rows = KnnBench.run(List.of(10_000, 100_000, 1_000_000), 384, 64, 10, true, out);
                out.print(KnnBench.format(rows));
            } catch (RuntimeException | Error e) {
                out.println("RESULT: ERROR during the benchmark: " + e);
                e.printStackTrace(out);
                return 2;
            }
        }
        out.println("RESULT: OK");
        return 0;
    }

    private static int compareAll(int device, PrintStream out) {
        long big = CudaPlan.SCORE_BUDGET;
        long bigCandidates = CudaPlan.CANDIDATE_BUDGET;
        List<Case> cases = new ArrayList<>();
        cases.add(random("1000 x 384, 64 queries", 1000, 384, 64, 1, big, bigCandidates));
        cases.add(random("4099 x 37, 100 queries", 4099, 37, 100, 2, big, bigCandidates));
        cases.add(random("100003 x 384, 64 queries", 100_003, 384, 64, 3, big, bigCandidates));
        cases.add(random("70 x 37, 5 queries (k > rows)", 70, 37, 5, 4, big, bigCandidates));
        cases.add(random("1 x 1, 3 queries", 1, 1, 3, 5, big, bigCandidates));
        cases.add(duplicated("3000 x 384 from 200 distinct rows, 64 queries", 3000, 200, 384, 64, 6, big, bigCandidates));
        cases.add(duplicated("5001 x 37 from 50 distinct rows, 33 queries", 5001, 50, 37, 33, 7, big, bigCandidates));
        cases.add(random("20000 x 37, 300 queries, 1 MiB score / 256 KiB candidate budget", 20_000, 37, 300, 8, 1 << 20,
                1 << 18));
        cases.add(duplicated("40000 x 64 from 900 distinct, 70 queries, tiny budgets", 40_000, 900, 64, 70, 9, 1, 1));
        int failures = 0;
        for (Case c : cases) {
            try (CpuKnnSearcher cpu = new CpuKnnSearcher(c.matrix());
                 CudaKnnSearcher gpu = new CudaKnnSearcher(c.matrix(), device, c.scoreBudget(), c.candidateBudget())) {
                for (int k : KS) {
                    KnnHits[] expected = cpu.topK(c.queries(), c.numQueries(), k);
                    long start = System.nanoTime();
                    KnnHits[] actual = gpu.topK(c.queries(), c.numQueries(), k);
                    double millis = (System.nanoTime() - start) / 1e6;
                    String difference = firstDifference(expected, actual);
                    out.printf(Locale.ROOT, "%-4s %-72s k=%-3d gpu %8.2f ms%s%n", difference == null ? "ok" : "FAIL",
                            c.name(), k, millis, difference == null ? "" : ": " + difference);
                    if (difference != null) {
                        failures++;
                    }
                }
            }
        }
        return failures;
    }

    /** Null when identical, else a description of the first difference. */
    static String firstDifference(KnnHits[] expected, KnnHits[] actual) {
        if (expected.length != actual.length) {
            return "cpu answered " + expected.length + " queries, gpu " + actual.length;
        }
        for (int q = 0; q < expected.length; q++) {
            KnnHits e = expected[q];
            KnnHits a = actual[q];
            if (e.size() != a.size()) {
                return "query " + q + ": cpu " + e.size() + " hits, gpu " + a.size();
            }
            for (int i = 0; i < e.size(); i++) {
                int eBits = Float.floatToRawIntBits(e.scores()[i]);
                int aBits = Float.floatToRawIntBits(a.scores()[i]);
                if (e.rows()[i] != a.rows()[i] || eBits != aBits) {
                    return String.format(Locale.ROOT,
                            "query %d hit %d: cpu row %d score %s (0x%08x), gpu row %d score %s (0x%08x)",
                            q, i, e.rows()[i], e.scores()[i], eBits, a.rows()[i], a.scores()[i], aBits);
                }
            }
        }
        return null;
    }

    private static Case random(String name, int n, int dim, int numQueries, long seed, long scoreBudget,
            long candidateBudget) {
        VectorMatrix matrix = VectorMatrix.random(n, dim, seed);
        float[] queries = VectorMatrix.random(numQueries, dim, seed + 1000).data();
        return new Case(name, matrix, queries, numQueries, scoreBudget, candidateBudget);
    }

    /**
     * {@code n} rows copied from {@code distinct} random rows in random order, and queries of which every
     * other one is one of the rows: many exactly equal scores, so the row-index tie rule decides.
     */
    private static Case duplicated(String name, int n, int distinct, int dim, int numQueries, long seed, long scoreBudget,
            long candidateBudget) {
        VectorMatrix base = VectorMatrix.random(distinct, dim, seed);
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[n * dim];
        for (int r = 0; r < n; r++) {
            System.arraycopy(base.data(), random.nextInt(distinct) * dim, data, r * dim, dim);
        }
        float[] queries = VectorMatrix.random(numQueries, dim, seed + 1000).data();
        for (int q = 0; q < numQueries; q += 2) {
            System.arraycopy(data, random.nextInt(n) * dim, queries, q * dim, dim);
        }
        return new Case(name, VectorMatrix.wrap(data, dim), queries, numQueries, scoreBudget, candidateBudget);
    }
}
