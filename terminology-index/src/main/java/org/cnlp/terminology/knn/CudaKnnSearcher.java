package org.cnlp.terminology.knn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact brute-force {@link KnnSearcher} on a CUDA GPU, through the JCuda driver API and the kernels of
 * {@code src/main/cuda/knn.cu} (shipped as PTX, compiled by the driver for the GPU it runs on). The
 * vectors are uploaded once by the constructor; each {@link #topK} call uploads its queries, scores them
 * against all rows ({@code __fmul_rn}/{@code __fadd_rn} in the CPU's order, so scores are bit-identical
 * to {@link CpuKnnSearcher}'s) and selects the best keys per query on the GPU (same ranking key as the
 * CPU, so ties go to the lower row). One CUDA context per searcher; {@code topK} is synchronized and
 * makes the context current on the calling thread. Check {@link CudaProbe} before creating one.
 */
public final class CudaKnnSearcher implements KnnSearcher {

    private static final Logger LOG = LoggerFactory.getLogger(CudaKnnSearcher.class);
    private static final String PTX_RESOURCE = "knn.ptx";

    private final int rows;
    private final int dim;
    private final int deviceIndex;
    private final String device;
    private final long scoreBudget;
    private final long candidateBudget;
    private final CUcontext context = new CUcontext();
    private final CUmodule module = new CUmodule();
    private final CUfunction scoresKernel = new CUfunction();
    private final CUfunction selectScoresKernel = new CUfunction();
    private final CUfunction selectKeysKernel = new CUfunction();
    private final DeviceBuffer vectors = new DeviceBuffer("vectors");
    private final DeviceBuffer queries = new DeviceBuffer("queries");
    private final DeviceBuffer scores = new DeviceBuffer("scores");
    private final DeviceBuffer candidates = new DeviceBuffer("candidates");
    private final DeviceBuffer second = new DeviceBuffer("second candidates");
    private boolean contextCreated;
    private boolean moduleLoaded;
    private boolean closed;

    /**
     * Uploads {@code matrix} to CUDA device {@code deviceIndex}.
     *
     * @throws IllegalStateException when the device cannot be initialised, the PTX does not load, or memory
     *                               runs out (everything allocated so far is released)
     * @throws LinkageError          when JCuda or the CUDA driver is missing (see {@link CudaProbe})
     */
    public CudaKnnSearcher(VectorMatrix matrix, int deviceIndex) {
        this(matrix, deviceIndex, CudaPlan.SCORE_BUDGET, CudaPlan.CANDIDATE_BUDGET);
    }

    /** With explicit device-buffer budgets in bytes (small ones force many chunks and batches: for tests). */
    CudaKnnSearcher(VectorMatrix matrix, int deviceIndex, long scoreBudget, long candidateBudget) {
        if (matrix == null) {
            throw new IllegalArgumentException("matrix is null");
        }
        this.rows = matrix.rows();
        this.dim = matrix.dim();
        this.deviceIndex = deviceIndex;
        this.scoreBudget = scoreBudget;
        this.candidateBudget = candidateBudget;
        byte[] ptx = loadPtx();
        try {
            check(JCudaDriver.cuInit(0), "cuInit");
            CUdevice cuDevice = new CUdevice();
            check(JCudaDriver.cuDeviceGet(cuDevice, deviceIndex), "cuDeviceGet(" + deviceIndex + ")");
            this.device = "cuda:" + deviceIndex + " " + CudaProbe.deviceName(cuDevice);
            check(JCudaDriver.cuCtxCreate(context, 0, cuDevice), "cuCtxCreate");
            contextCreated = true;
            check(JCudaDriver.cuModuleLoadData(module, ptx), "cuModuleLoadData(knn.ptx)");
            moduleLoaded = true;
            check(JCudaDriver.cuModuleGetFunction(scoresKernel, module, "knn_scores"), "cuModuleGetFunction(knn_scores)");
            check(JCudaDriver.cuModuleGetFunction(selectScoresKernel, module, "knn_select_scores"),
                    "cuModuleGetFunction(knn_select_scores)");
            check(JCudaDriver.cuModuleGetFunction(selectKeysKernel, module, "knn_select_keys"),
                    "cuModuleGetFunction(knn_select_keys)");
            float[] data = matrix.data();
            vectors.ensure((long) data.length * Float.BYTES);
            if (data.length > 0) {
                check(JCudaDriver.cuMemcpyHtoD(vectors.pointer, Pointer.to(data), (long) data.length * Float.BYTES),
                        "cuMemcpyHtoD(vectors)");
            }
            check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
        } catch (RuntimeException | Error e) {
            release();
            throw e;
        }
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public synchronized KnnHits[] topK(float[] queryData, int numQueries, int k) {
        KnnArguments.check(queryData, numQueries, k, dim);
        if (closed) {
            throw new IllegalStateException("searcher is closed");
        }
        KnnHits[] result = new KnnHits[numQueries];
        if (numQueries == 0) {
            return result;
        }
        if (rows == 0) {
            Arrays.fill(result, new KnnHits(new int[0], new float[0]));
            return result;
        }
        check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
        CudaPlan plan = CudaPlan.of(rows, numQueries, k, scoreBudget, candidateBudget);
        int hitsPerQuery = Math.min(k, rows);
        long[] keys = new long[plan.queryBatch() * plan.k2()];
        for (int q0 = 0; q0 < numQueries; q0 += plan.queryBatch()) {
            int batch = Math.min(plan.queryBatch(), numQueries - q0);
            float[] batchQueries = batch == numQueries ? queryData : Arrays.copyOfRange(queryData, q0 * dim, (q0 + batch) * dim);
            searchBatch(plan, batchQueries, batch, keys);
            for (int q = 0; q < batch; q++) {
                result[q0 + q] = KnnArguments.hits(keys, q * plan.k2(), hitsPerQuery);
            }
        }
        return result;
    }

    /** Runs one batch of {@code batch} queries; the best {@code k2} keys of query q land in keys[q * k2...]. */
    private void searchBatch(CudaPlan plan, float[] batchQueries, int batch, long[] keys) {
        int k2 = plan.k2();
        int candidateStride = plan.candidateStride();
        queries.ensure((long) plan.queryBatch() * dim * Float.BYTES);
        scores.ensure((long) plan.queryBatch() * plan.chunkRows() * Float.BYTES);
        candidates.ensure((long) plan.queryBatch() * candidateStride * Long.BYTES);
        if (candidateStride > k2) {
            second.ensure((long) plan.queryBatch() * plan.secondStride() * Long.BYTES);
        }
        check(JCudaDriver.cuMemcpyHtoD(queries.pointer, Pointer.to(batchQueries), (long) batchQueries.length * Float.BYTES),
                "cuMemcpyHtoD(queries)");
        int segmentBase = 0;
        for (int rowStart = 0; rowStart < rows; rowStart += plan.chunkRows()) {
            int chunk = Math.min(plan.chunkRows(), rows - rowStart);
            launch(scoresKernel, "knn_scores", CudaPlan.ceilDiv(chunk, CudaPlan.TILE), CudaPlan.ceilDiv(batch, CudaPlan.TILE),
                    vectors.pointer, dim, queries.pointer, batch, rowStart, chunk, scores.pointer);
            int segments = CudaPlan.ceilDiv(chunk, CudaPlan.SEGMENT);
            launch(selectScoresKernel, "knn_select_scores", segments, batch,
                    scores.pointer, chunk, rowStart, k2, candidates.pointer, candidateStride, segmentBase * k2);
            segmentBase += segments;
        }
        if (segmentBase != plan.totalSegments()) {
            throw new IllegalStateException("internal error: " + segmentBase + " segments, planned " + plan.totalSegments());
        }
        DeviceBuffer in = candidates;
        DeviceBuffer out = second;
        int count = candidateStride;
        while (count > k2) {
            int segments = CudaPlan.ceilDiv(count, CudaPlan.SEGMENT);
            int outStride = segments * k2;
            launch(selectKeysKernel, "knn_select_keys", segments, batch, in.pointer, count, count, k2, out.pointer, outStride);
            DeviceBuffer swap = in;
            in = out;
            out = swap;
            count = outStride;
        }
        check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize (kNN kernels)");
        check(JCudaDriver.cuMemcpyDtoH(Pointer.to(keys), in.pointer, (long) batch * k2 * Long.BYTES), "cuMemcpyDtoH(keys)");
    }

    /** Launches {@code function} on a (gridX, gridY) grid of {@link CudaPlan#THREADS}-thread blocks. */
    private static void launch(CUfunction function, String name, int gridX, int gridY, Object... arguments) {
        NativePointerObject[] parameters = new NativePointerObject[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            parameters[i] = switch (arguments[i]) {
                case CUdeviceptr pointer -> Pointer.to(pointer);
                case Integer value -> Pointer.to(new int[] {value});
                default -> throw new IllegalArgumentException("unsupported kernel argument " + arguments[i]);
            };
        }
        check(JCudaDriver.cuLaunchKernel(function, gridX, gridY, 1, CudaPlan.THREADS, 1, 1, 0, null,
                Pointer.to(parameters), null), "cuLaunchKernel(" + name + ")");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
    }

    /** Frees whatever has been allocated; failures are logged, not thrown. */
    private void release() {
        if (!contextCreated) {
            return;
        }
        warnOnError(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
        for (DeviceBuffer buffer : new DeviceBuffer[] {vectors, queries, scores, candidates, second}) {
            buffer.free();
        }
        if (moduleLoaded) {
            warnOnError(JCudaDriver.cuModuleUnload(module), "cuModuleUnload");
            moduleLoaded = false;
        }
        warnOnError(JCudaDriver.cuCtxDestroy(context), "cuCtxDestroy");
        contextCreated = false;
    }

    /** The shipped PTX, NUL-terminated as cuModuleLoadData expects. */
    private static byte[] loadPtx() {
        try (InputStream in = CudaKnnSearcher.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("PTX resource " + PTX_RESOURCE + " is missing next to "
                        + CudaKnnSearcher.class.getName());
            }
            byte[] text = in.readAllBytes();
            return Arrays.copyOf(text, text.length + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PTX_RESOURCE, e);
        }
    }

    private static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + CUresult.stringFor(result));
        }
    }

    private static void warnOnError(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            LOG.warn("{} failed while releasing the CUDA kNN searcher: {}", call, CUresult.stringFor(result));
        }
    }

    @Override
    public String toString() {
        return "CudaKnnSearcher[" + device + ", " + rows + " x " + dim + ", device index " + deviceIndex + "]";
    }

    /** Device memory that grows on demand; at least one byte is allocated so that the pointer is valid. */
    private static final class DeviceBuffer {

        private final String name;
        private final CUdeviceptr pointer = new CUdeviceptr();
        private long capacity;

        DeviceBuffer(String name) {
            this.name = name;
        }

        void ensure(long bytes) {
            if (capacity >= bytes && capacity > 0) {
                return;
            }
            free();
            long size = Math.max(bytes, 8);
            check(JCudaDriver.cuMemAlloc(pointer, size), "cuMemAlloc(" + name + ", " + size + " bytes)");
            capacity = size;
        }

        void free() {
            if (capacity > 0) {
                warnOnError(JCudaDriver.cuMemFree(pointer), "cuMemFree(" + name + ")");
                capacity = 0;
            }
        }
    }
}
