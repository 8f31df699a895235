// Exact top-k inner-product search for org.cnlp.terminology.knn.CudaKnnSearcher.
//
// Identity with CpuKnnSearcher (same rows, bit-identical scores) rests on two rules:
//  1. every score is summed in the CPU's order, one product rounded and then one sum rounded per
//     dimension: s = 0; for d in 0..dim-1: s = s + q[d] * v[d]. __fmul_rn/__fadd_rn are never
//     contracted into an FMA (and build-ptx.sh also passes -fmad=false -ftz=false);
//  2. ranking uses one 64-bit key per (score, row): high 32 bits a sortable form of the score,
//     low 32 bits ~row, so that "larger key" = "higher score, then lower row" (KnnKeys.java).
//
// Kernels (all launched with KNN_THREADS threads per block, one dimension):
//  knn_scores        scores[q][r] for a chunk of rows, tiled through shared memory;
//  knn_select_scores per (segment of KNN_SEG rows, query): the best k2 keys of the segment;
//  knn_select_keys   per (segment of KNN_SEG keys, query): the best k2 of earlier results.
// The host repeats knn_select_keys until one segment of k2 keys per query is left.
// Every __syncthreads() is reached by all threads of the block (no divergent barriers).

#define KNN_THREADS 256
#define KNN_TILE 64      // rows and queries per score tile: 16 x 16 threads, 4 x 4 scores each
#define KNN_DK 32        // dimensions staged in shared memory per step
#define KNN_SEG 2048     // keys per selection block (power of two)
#define KNN_PER_THREAD (KNN_SEG / 2 / KNN_THREADS)
#define KNN_KEY_NONE (-9223372036854775807LL - 1)   // below every real key: padding

// The ranking key of a score at a row (see KnnKeys.pack): NaN maps to the lowest score.
__device__ __forceinline__ long long knn_key(float score, int row)
{
    const int bits = __float_as_int(score);
    const int sortable = (score != score) ? (-2147483647 - 1) : (bits ^ ((bits >> 31) & 0x7fffffff));
    const unsigned long long key = ((unsigned long long) (unsigned int) sortable << 32)
            | (unsigned long long) (unsigned int) (~row);
    return (long long) key;
}

// Orders sk[lo] and sk[hi]: afterwards sk[lo] >= sk[hi] when descending, sk[lo] <= sk[hi] otherwise.
__device__ __forceinline__ void knn_compare_exchange(long long* sk, int lo, int hi, bool descending)
{
    const long long a = sk[lo];
    const long long b = sk[hi];
    if (descending ? (a < b) : (a > b)) {
        sk[lo] = b;
        sk[hi] = a;
    }
}

// Leaves the k2 largest of the KNN_SEG keys in sk[0..k2), largest first. k2 is a power of two
// in 1..KNN_SEG/2. Called by all threads of the block after sk has been filled and synchronised;
// returns synchronised.
__device__ void knn_block_top(long long* sk, int k2)
{
    // 1. Bitonic sort of every run of k2 keys; run m descending when m is even, ascending when odd.
    for (int size = 2; size <= k2; size <<= 1) {
        for (int stride = size >> 1; stride > 0; stride >>= 1) {
            for (int i = threadIdx.x; i < KNN_SEG / 2; i += KNN_THREADS) {
                const int lo = 2 * i - (i & (stride - 1));
                knn_compare_exchange(sk, lo, lo + stride, (lo & size) == 0);
            }
            __syncthreads();
        }
    }
    // 2. Halve until one run is left. Run 2m (descending) followed by run 2m+1 (ascending) is a
    //    bitonic sequence; the element-wise maximum of its two halves holds its k2 largest keys and
    //    is bitonic again, so a bitonic merge sorts it (direction again by the parity of m).
    for (int len = KNN_SEG; len > k2; len >>= 1) {
        const int half = len >> 1;
        long long keep[KNN_PER_THREAD];
#pragma unroll
        for (int j = 0; j < KNN_PER_THREAD; ++j) {
            const int o = threadIdx.x + j * KNN_THREADS;
            if (o < half) {
                const int m = o / k2;
                const int i = o - m * k2;
                const long long a = sk[2 * m * k2 + i];
                const long long b = sk[2 * m * k2 + k2 + i];
                keep[j] = a > b ? a : b;
            }
        }
        __syncthreads();
#pragma unroll
        for (int j = 0; j < KNN_PER_THREAD; ++j) {
            const int o = threadIdx.x + j * KNN_THREADS;
            if (o < half) {
                sk[o] = keep[j];
            }
        }
        __syncthreads();
        for (int stride = k2 >> 1; stride > 0; stride >>= 1) {
            for (int i = threadIdx.x; i < half / 2; i += KNN_THREADS) {
                const int lo = 2 * i - (i & (stride - 1));
                knn_compare_exchange(sk, lo, lo + stride, (lo & k2) == 0);
            }
            __syncthreads();
        }
    }
}

// scores[q * chunkRows + r] = dot(queries[q], vectors[rowStart + r]) for r < chunkRows, q < numQueries.
// Grid: (ceil(chunkRows / KNN_TILE), ceil(numQueries / KNN_TILE)).
extern "C" __global__ void __launch_bounds__(KNN_THREADS)
knn_scores(const float* __restrict__ vectors, int dim, const float* __restrict__ queries, int numQueries,
           int rowStart, int chunkRows, float* __restrict__ scores)
{
    __shared__ float sv[KNN_TILE][KNN_DK + 1];
    __shared__ float sq[KNN_TILE][KNN_DK + 1];
    const int tx = threadIdx.x & 15;    // rows tx, tx + 16, tx + 32, tx + 48 of the tile
    const int ty = threadIdx.x >> 4;    // queries ty, ty + 16, ty + 32, ty + 48 of the tile
    const int tileRow = blockIdx.x * KNN_TILE;
    const int tileQuery = blockIdx.y * KNN_TILE;
    float acc[4][4];
#pragma unroll
    for (int i = 0; i < 4; ++i) {
#pragma unroll
        for (int j = 0; j < 4; ++j) {
            acc[i][j] = 0.0f;
        }
    }
    for (int d0 = 0; d0 < dim; d0 += KNN_DK) {
        const int width = min(KNN_DK, dim - d0);
        for (int t = threadIdx.x; t < KNN_TILE * KNN_DK; t += KNN_THREADS) {
            const int r = t / KNN_DK;
            const int c = t - r * KNN_DK;
            float v = 0.0f;
            float q = 0.0f;
            if (c < width) {
                if (tileRow + r < chunkRows) {
                    v = vectors[(size_t) (rowStart + tileRow + r) * (size_t) dim + (size_t) (d0 + c)];
                }
                if (tileQuery + r < numQueries) {
                    q = queries[(size_t) (tileQuery + r) * (size_t) dim + (size_t) (d0 + c)];
                }
            }
            sv[r][c] = v;
            sq[r][c] = q;
        }
        __syncthreads();
        for (int c = 0; c < width; ++c) {
            float a[4];
            float b[4];
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                a[i] = sv[tx + 16 * i][c];
                b[i] = sq[ty + 16 * i][c];
            }
#pragma unroll
            for (int i = 0; i < 4; ++i) {
#pragma unroll
                for (int j = 0; j < 4; ++j) {
                    acc[i][j] = __fadd_rn(acc[i][j], __fmul_rn(b[j], a[i]));
                }
            }
        }
        __syncthreads();
    }
#pragma unroll
    for (int i = 0; i < 4; ++i) {
#pragma unroll
        for (int j = 0; j < 4; ++j) {
            const int r = tileRow + tx + 16 * i;
            const int q = tileQuery + ty + 16 * j;
            if (r < chunkRows && q < numQueries) {
                scores[(size_t) q * (size_t) chunkRows + (size_t) r] = acc[i][j];
            }
        }
    }
}

// For query q = blockIdx.y and the rows [blockIdx.x * KNN_SEG, +KNN_SEG) of the chunk: the best k2
// keys, best first, to out[q * outStride + outOffset + blockIdx.x * k2 + 0..k2).
// Grid: (ceil(chunkRows / KNN_SEG), numQueries).
extern "C" __global__ void __launch_bounds__(KNN_THREADS)
knn_select_scores(const float* __restrict__ scores, int chunkRows, int rowStart, int k2,
                  long long* __restrict__ out, int outStride, int outOffset)
{
    __shared__ long long sk[KNN_SEG];
    const float* qs = scores + (size_t) blockIdx.y * (size_t) chunkRows;
    const int segStart = blockIdx.x * KNN_SEG;
    for (int t = threadIdx.x; t < KNN_SEG; t += KNN_THREADS) {
        const int r = segStart + t;
        sk[t] = r < chunkRows ? knn_key(qs[r], rowStart + r) : KNN_KEY_NONE;
    }
    __syncthreads();
    knn_block_top(sk, k2);
    long long* qo = out + (size_t) blockIdx.y * (size_t) outStride + (size_t) outOffset + (size_t) blockIdx.x * (size_t) k2;
    for (int t = threadIdx.x; t < k2; t += KNN_THREADS) {
        qo[t] = sk[t];
    }
}

// For query q = blockIdx.y and the keys [blockIdx.x * KNN_SEG, +KNN_SEG) of in[q * inStride + 0..count):
// the best k2 keys, best first, to out[q * outStride + blockIdx.x * k2 + 0..k2).
// Grid: (ceil(count / KNN_SEG), numQueries).
extern "C" __global__ void __launch_bounds__(KNN_THREADS)
knn_select_keys(const long long* __restrict__ in, int count, int inStride, int k2,
                long long* __restrict__ out, int outStride)
{
    __shared__ long long sk[KNN_SEG];
    const long long* qi = in + (size_t) blockIdx.y * (size_t) inStride;
    const int segStart = blockIdx.x * KNN_SEG;
    for (int t = threadIdx.x; t < KNN_SEG; t += KNN_THREADS) {
        const int i = segStart + t;
        sk[t] = i < count ? qi[i] : KNN_KEY_NONE;
    }
    __syncthreads();
    knn_block_top(sk, k2);
    long long* qo = out + (size_t) blockIdx.y * (size_t) outStride + (size_t) blockIdx.x * (size_t) k2;
    for (int t = threadIdx.x; t < k2; t += KNN_THREADS) {
        qo[t] = sk[t];
    }
}
