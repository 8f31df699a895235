package org.cnlp.multimodal.data;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic train/validation assignment by key: the key's UTF-8 bytes are hashed with 64-bit FNV-1a, the
 * hash is mixed with the SplitMix64 finaliser, and the key goes to validation when the unsigned result modulo 100 is
 * below the validation percentage. The same key always lands on the same side, on any machine and JDK.
 */
final class StableSplit {

    private StableSplit() {
    }

    /** Whether {@code key} belongs to the validation split for the given percentage ({@code 0..100}). */
    static boolean isValidation(String key, int validationPercent) {
        return Long.remainderUnsigned(hash(key), 100) < validationPercent;
    }

    /** FNV-1a 64 over UTF-8, then SplitMix64's finaliser. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }
}
