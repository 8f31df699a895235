package org.cnlp.model.onnx;

import ai.onnxruntime.OrtException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs ONNX Runtime calls on threads with a 16 MiB stack. ONNX Runtime 1.29's native
 * initialization overflows the default 1 MiB Java thread stack on this platform (a segfault in
 * {@code OrtEnvironment.getEnvironment()} under {@code -Xss1m}; 2 MiB suffices), and its kernels
 * run partly on the calling thread, so environment and session creation and every
 * {@code run} go through here. Threads are daemons, created on demand (one per concurrent call)
 * and dropped after 30 idle seconds; a hand-off costs microseconds against milliseconds of
 * inference.
 */
public final class OrtThreads {

    /** The stack size of the threads. */
    public static final long STACK_BYTES = 16L << 20;

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(null, task, "onnxruntime-" + COUNT.incrementAndGet(), STACK_BYTES);
                thread.setDaemon(true);
                return thread;
            });

    private OrtThreads() {}

    /** A computation that calls ONNX Runtime. */
    @FunctionalInterface
    public interface OrtCall<T> {
        /** Runs it. */
        T call() throws OrtException;
    }

    /**
     * Runs {@code call} on a large-stack thread and waits for it. Unchecked exceptions and errors
     * are rethrown as they are, {@link OrtException} as itself.
     *
     * @throws IllegalStateException when the waiting thread is interrupted (the call itself
     *     finishes on its own thread)
     */
    public static <T> T call(OrtCall<T> call) throws OrtException {
        Future<T> future = POOL.submit(call::call);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ONNX Runtime", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case OrtException ort -> throw ort;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                case Throwable other -> throw new IllegalStateException("ONNX Runtime call failed: " + other, other);
            }
        }
    }
}
