package org.cnlp.terminology.knn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact brute-force {@link KnnSearcher} on the CPU. Each score is {@code s = 0f; for d: s = s + q[d] * v[d]}
 * in Java float arithmetic (every product and every sum rounded; Java never fuses them), which is what
 * the CUDA kernels compute too. Rows are split into ranges searched in parallel on a fixed number of
 * threads; within a range, 4 rows x 4 queries are scored together for cache reuse, each score still
 * summed in dimension order. Thread-safe.
 */
public final class CpuKnnSearcher implements KnnSearcher {

    private static final int QUERY_BLOCK = 64;
    private static final int MIN_ROWS_PER_TASK = 1024;
    /** Below this many multiply-adds per query block the search stays on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 21;

    private final VectorMatrix matrix;
    private final int threads;
    private final ExecutorService pool;
    private volatile boolean closed;

    /** A searcher using one thread per available processor. */
    public CpuKnnSearcher(VectorMatrix matrix) {
        this(matrix, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A searcher using {@code threads} threads (1 = the calling thread only).
     *
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public CpuKnnSearcher(VectorMatrix matrix, int threads) {
        if (matrix == null) {
            throw new IllegalArgumentException("matrix is null");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.matrix = matrix;
        this.threads = threads;
        AtomicInteger count = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "knn-cpu-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String device() {
        return "cpu (" + threads + (threads == 1 ? " thread)" : " threads)");
    }

    @Override
    public KnnHits[] topK(float[] queries, int numQueries, int k) {
        KnnArguments.check(queries, numQueries, k, matrix.dim());
        if (closed) {
            throw new IllegalStateException("searcher is closed");
        }
        KnnHits[] result = new KnnHits[numQueries];
        for (int q0 = 0; q0 < numQueries; q0 += QUERY_BLOCK) {
            int q1 = Math.min(numQueries, q0 + QUERY_BLOCK);
            TopKeys[] top = searchBlock(queries, q0, q1, k);
            for (int q = q0; q < q1; q++) {
                long[] keys = top[q - q0].sortedDescending();
                result[q] = KnnArguments.hits(keys, 0, keys.length);
            }
        }
        return result;
    }

    private TopKeys[] searchBlock(float[] queries, int q0, int q1, int k) {
        int n = matrix.rows();
        long work = (long) n * (q1 - q0) * matrix.dim();
        int ranges = pool == null || work < PARALLEL_WORK ? 1
                : Math.max(1, Math.min(threads * 4, n / MIN_ROWS_PER_TASK));
        if (ranges == 1) {
            return scan(queries, q0, q1, 0, n, k);
        }
        List<Callable<TopKeys[]>> tasks = new ArrayList<>(ranges);
        for (int i = 0; i < ranges; i++) {
            int r0 = (int) ((long) n * i / ranges);
            int r1 = (int) ((long) n * (i + 1) / ranges);
            tasks.add(() -> scan(queries, q0, q1, r0, r1, k));
        }
        TopKeys[] merged = newTops(q1 - q0, k);
        try {
            for (Future<TopKeys[]> future : pool.invokeAll(tasks)) {
                TopKeys[] part = future.get();
                for (int q = 0; q < merged.length; q++) {
                    merged[q].offerAll(part[q]);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during kNN search", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("kNN search failed", e.getCause());
        }
        return merged;
    }

    private static TopKeys[] newTops(int count, int k) {
        TopKeys[] tops = new TopKeys[count];
        for (int i = 0; i < count; i++) {
            tops[i] = new TopKeys(k);
        }
        return tops;
    }

    /** Scores queries [q0, q1) against rows [r0, r1). */
    private TopKeys[] scan(float[] qs, int q0, int q1, int r0, int r1, int k) {
        TopKeys[] top = newTops(q1 - q0, k);
        float[] v = matrix.data();
        int dim = matrix.dim();
        int r = r0;
        for (; r + 4 <= r1; r += 4) {
            int q = q0;
            for (; q + 4 <= q1; q += 4) {
                scan4x4(qs, q, v, r, dim, top, q - q0);
            }
            for (; q < q1; q++) {
                for (int row = r; row < r + 4; row++) {
                    top[q - q0].offer(KnnKeys.pack(dot(qs, q * dim, v, row * dim, dim), row));
                }
            }
        }
        for (; r < r1; r++) {
            for (int q = q0; q < q1; q++) {
                top[q - q0].offer(KnnKeys.pack(dot(qs, q * dim, v, r * dim, dim), r));
            }
        }
        return top;
    }

    /** The score of one query and one row: products and sums rounded one by one, in dimension order. */
    private static float dot(float[] qs, int qOffset, float[] v, int vOffset, int dim) {
        float s = 0f;
        for (int d = 0; d < dim; d++) {
            s = s + qs[qOffset + d] * v[vOffset + d];
        }
        return s;
    }

    /** Queries q..q+3 against rows r..r+3; every accumulator follows {@link #dot}'s order. */
    private static void scan4x4(float[] qs, int q, float[] v, int r, int dim, TopKeys[] top, int t) {
        int p0 = q * dim;
        int p1 = p0 + dim;
        int p2 = p1 + dim;
        int p3 = p2 + dim;
        int o0 = r * dim;
        int o1 = o0 + dim;
        int o2 = o1 + dim;
        int o3 = o2 + dim;
        float s00 = 0f, s01 = 0f, s02 = 0f, s03 = 0f;
        float s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f;
        float s20 = 0f, s21 = 0f, s22 = 0f, s23 = 0f;
        float s30 = 0f, s31 = 0f, s32 = 0f, s33 = 0f;
        for (int d = 0; d < dim; d++) {
            float a0 = v[o0 + d];
            float a1 = v[o1 + d];
            float a2 = v[o2 + d];
            float a3 = v[o3 + d];
            float b0 = qs[p0 + d];
            float b1 = qs[p1 + d];
            float b2 = qs[p2 + d];
            float b3 = qs[p3 + d];
            s00 = s00 + b0 * a0;
            s01 = s01 + b0 * a1;
            s02 = s02 + b0 * a2;
            s03 = s03 + b0 * a3;
            s10 = s10 + b1 * a0;
            s11 = s11 + b1 * a1;
            s12 = s12 + b1 * a2;
            s13 = s13 + b1 * a3;
            s20 = s20 + b2 * a0;
            s21 = s21 + b2 * a1;
            s22 = s22 + b2 * a2;
            s23 = s23 + b2 * a3;
            s30 = s30 + b3 * a0;
            s31 = s31 + b3 * a1;
            s32 = s32 + b3 * a2;
            s33 = s33 + b3 * a3;
        }
        offer4(top[t], r, s00, s01, s02, s03);
        offer4(top[t + 1], r, s10, s11, s12, s13);
        offer4(top[t + 2], r, s20, s21, s22, s23);
        offer4(top[t + 3], r, s30, s31, s32, s33);
    }

    private static void offer4(TopKeys top, int r, float s0, float s1, float s2, float s3) {
        top.offer(KnnKeys.pack(s0, r));
        top.offer(KnnKeys.pack(s1, r + 1));
        top.offer(KnnKeys.pack(s2, r + 2));
        top.offer(KnnKeys.pack(s3, r + 3));
    }

    @Override
    public void close() {
        closed = true;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "CpuKnnSearcher[" + device() + ", " + matrix + "]";
    }
}
