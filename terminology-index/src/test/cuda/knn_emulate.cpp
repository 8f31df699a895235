// Runs the kernels of src/main/cuda/knn.cu on the CPU, for machines without a GPU: every CUDA thread
// of a block is a ucontext fiber and __syncthreads() switches to the next fiber, so the kernels'
// source is compiled unchanged by g++. The host side repeats CudaKnnSearcher's launch plan, and the
// results are compared with a plain sequential reference (same summation order, same key ordering).
// Not part of the Maven build; run src/test/cuda/emulate.sh. A divergent barrier aborts the run.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <ucontext.h>
#include <vector>

struct uint3e { unsigned x, y, z; };
static uint3e threadIdx;
static uint3e blockIdx;
using std::min;

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(n)
#define __shared__ static

static inline float __fmul_rn(float a, float b) { return a * b; }
static inline float __fadd_rn(float a, float b) { return a + b; }
static inline int __float_as_int(float f) { int i; std::memcpy(&i, &f, 4); return i; }
static void __syncthreads();

#include "../../main/cuda/knn.cu"

// ---- fibers ----
static const int kStack = 64 * 1024;
static ucontext_t g_scheduler;
static std::vector<ucontext_t> g_fibers(KNN_THREADS);
static std::vector<std::vector<char>> g_stacks(KNN_THREADS, std::vector<char>(kStack));
static std::vector<int> g_done(KNN_THREADS);
static int g_current;
static std::function<void()> g_kernel;

static void __syncthreads() { swapcontext(&g_fibers[g_current], &g_scheduler); }

static void fiber_main() {
    g_kernel();
    g_done[g_current] = 1;
}   // returns to uc_link = scheduler

static void launch(unsigned gridX, unsigned gridY, const std::function<void()>& kernel) {
    g_kernel = kernel;
    for (unsigned by = 0; by < gridY; ++by) {
        for (unsigned bx = 0; bx < gridX; ++bx) {
            blockIdx = {bx, by, 0};
            for (int t = 0; t < KNN_THREADS; ++t) {
                getcontext(&g_fibers[t]);
                g_fibers[t].uc_stack.ss_sp = g_stacks[t].data();
                g_fibers[t].uc_stack.ss_size = kStack;
                g_fibers[t].uc_link = &g_scheduler;
                makecontext(&g_fibers[t], fiber_main, 0);
                g_done[t] = 0;
            }
            for (;;) {   // one round = every thread runs to its next barrier or to its end
                for (int t = 0; t < KNN_THREADS; ++t) {
                    g_current = t;
                    threadIdx = {(unsigned) t, 0, 0};
                    swapcontext(&g_scheduler, &g_fibers[t]);
                }
                int finished = 0;
                for (int t = 0; t < KNN_THREADS; ++t) finished += g_done[t];
                if (finished == KNN_THREADS) break;
                if (finished != 0) { std::fprintf(stderr, "divergent __syncthreads()\n"); std::abort(); }
            }
        }
    }
}

// ---- the host plan of CudaKnnSearcher ----
static long long ceil_div(long long a, long long b) { return (a + b - 1) / b; }
static int pow2_at_least(int k) { int p = 1; while (p < k) p <<= 1; return p; }

static std::vector<long long> emulate(const std::vector<float>& vec, int n, int dim, const std::vector<float>& qs,
                                      int numQueries, int k2, int chunkRows, int queryBatch) {
    const int totalSegs = (int) ceil_div(n, KNN_SEG);
    const int candStride = totalSegs * k2;
    std::vector<long long> result((size_t) numQueries * k2);
    for (int q0 = 0; q0 < numQueries; q0 += queryBatch) {
        const int qb = min(queryBatch, numQueries - q0);
        const float* dq = qs.data() + (size_t) q0 * dim;
        std::vector<float> scores((size_t) qb * chunkRows);
        std::vector<long long> cand((size_t) qb * candStride);
        std::vector<long long> tmp((size_t) qb * ceil_div(candStride, KNN_SEG) * k2);
        int segBase = 0;
        for (int rowStart = 0; rowStart < n; rowStart += chunkRows) {
            const int rows = min(chunkRows, n - rowStart);
            launch(ceil_div(rows, KNN_TILE), ceil_div(qb, KNN_TILE),
                   [&] { knn_scores(vec.data(), dim, dq, qb, rowStart, rows, scores.data()); });
            const int segs = (int) ceil_div(rows, KNN_SEG);
            launch(segs, qb, [&] {
                knn_select_scores(scores.data(), rows, rowStart, k2, cand.data(), candStride, segBase * k2);
            });
            segBase += segs;
        }
        long long* in = cand.data();
        long long* other = tmp.data();
        int count = candStride;
        while (count > k2) {
            const int segs = (int) ceil_div(count, KNN_SEG);
            const int outStride = segs * k2;
            launch(segs, qb, [&] { knn_select_keys(in, count, count, k2, other, outStride); });
            std::swap(in, other);
            count = outStride;
        }
        std::memcpy(result.data() + (size_t) q0 * k2, in, (size_t) qb * k2 * sizeof(long long));
    }
    return result;
}

static std::vector<long long> reference(const std::vector<float>& vec, int n, int dim, const std::vector<float>& qs,
                                        int numQueries, int k2) {
    std::vector<long long> result((size_t) numQueries * k2, KNN_KEY_NONE);
    std::vector<long long> keys(n);
    for (int q = 0; q < numQueries; ++q) {
        for (int r = 0; r < n; ++r) {
            float s = 0.0f;
            for (int d = 0; d < dim; ++d) s = s + qs[(size_t) q * dim + d] * vec[(size_t) r * dim + d];
            keys[r] = knn_key(s, r);
        }
        std::sort(keys.begin(), keys.end(), std::greater<long long>());
        for (int i = 0; i < min(n, k2); ++i) result[(size_t) q * k2 + i] = keys[i];
    }
    return result;
}

static std::vector<float> unit_rows(int n, int dim, std::mt19937& rng, int distinct) {
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<float> base((size_t) distinct * dim);
    for (int r = 0; r < distinct; ++r) {
        double ss = 0;
        for (int d = 0; d < dim; ++d) { float x = g(rng); base[(size_t) r * dim + d] = x; ss += (double) x * x; }
        for (int d = 0; d < dim; ++d) base[(size_t) r * dim + d] = (float) (base[(size_t) r * dim + d] / std::sqrt(ss));
    }
    std::vector<float> out((size_t) n * dim);
    for (int r = 0; r < n; ++r) {
        const int src = distinct == n ? r : (int) (rng() % distinct);   // fewer distinct rows: exact ties
        std::memcpy(&out[(size_t) r * dim], &base[(size_t) src * dim], dim * sizeof(float));
    }
    return out;
}

int main() {
    struct Case { int n, dim, queries, k, chunkRows, queryBatch, distinct; };
    const Case cases[] = {
        {1, 1, 1, 1, 1, 1, 1},          {5, 37, 3, 128, 5, 256, 5},      {63, 37, 65, 10, 63, 256, 63},
        {64, 384, 64, 1, 64, 256, 64},  {65, 33, 1, 2, 65, 256, 65},      {2047, 37, 5, 17, 2047, 256, 2047},
        {2048, 64, 3, 128, 2048, 256, 2048}, {2049, 37, 4, 16, 2049, 256, 2049}, {5000, 37, 70, 10, 2048, 30, 5000},
        {5000, 31, 9, 128, 4096, 4, 40}, {9000, 5, 3, 100, 2048, 2, 7}, {20000, 37, 2, 3, 20000, 256, 20000},
        {20000, 8, 2, 128, 6144, 1, 20000}, {3000, 384, 66, 10, 3000, 256, 300},
    };
    std::mt19937 rng(42);
    int failures = 0;
    for (const Case& c : cases) {
        std::vector<float> vec = unit_rows(c.n, c.dim, rng, c.distinct);
        std::vector<float> qs = unit_rows(c.queries, c.dim, rng, c.queries);
        for (int q = 0; q < c.queries && q < c.n; q += 2) {   // half of the queries are rows: exact ties
            std::memcpy(&qs[(size_t) q * c.dim], &vec[(size_t) q * c.dim], c.dim * sizeof(float));
        }
        const int k2 = pow2_at_least(c.k);
        std::vector<long long> got = emulate(vec, c.n, c.dim, qs, c.queries, k2, c.chunkRows, c.queryBatch);
        std::vector<long long> want = reference(vec, c.n, c.dim, qs, c.queries, k2);
        int bad = 0;
        for (int q = 0; q < c.queries; ++q) {
            for (int i = 0; i < min(c.k, c.n); ++i) {
                if (got[(size_t) q * k2 + i] != want[(size_t) q * k2 + i]) ++bad;
            }
        }
        std::printf("n=%d dim=%d queries=%d k=%d chunkRows=%d queryBatch=%d distinct=%d: %s\n", c.n, c.dim, c.queries,
                    c.k, c.chunkRows, c.queryBatch, c.distinct, bad == 0 ? "ok" : "MISMATCH");
        failures += bad != 0;
    }
    std::printf(failures == 0 ? "all cases agree\n" : "%d case(s) differ\n", failures);
    return failures == 0 ? 0 : 1;
}
