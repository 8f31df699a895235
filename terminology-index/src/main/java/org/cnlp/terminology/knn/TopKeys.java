package org.cnlp.terminology.knn;

import java.util.Arrays;

/** The {@code k} largest keys offered so far (a min-heap). Not thread-safe; not API. */
final class TopKeys {

    private final long[] heap;
    private int size;

    TopKeys(int k) {
        this.heap = new long[k];
    }

    /** Keeps {@code key} if it is among the {@code k} largest so far. */
    void offer(long key) {
        if (size < heap.length) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] <= key) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = key;
        } else if (key > heap[0]) {
            siftDown(key);
        }
    }

    /** Offers every key kept by {@code other}. */
    void offerAll(TopKeys other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.heap[i]);
        }
    }

    /** The kept keys, largest first. */
    long[] sortedDescending() {
        long[] keys = Arrays.copyOf(heap, size);
        Arrays.sort(keys);
        for (int i = 0, j = keys.length - 1; i < j; i++, j--) {
            long t = keys[i];
            keys[i] = keys[j];
            keys[j] = t;
        }
        return keys;
    }

    private void siftDown(long key) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (key <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = key;
    }
}
