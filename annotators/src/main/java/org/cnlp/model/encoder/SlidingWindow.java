package org.cnlp.model.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a token sequence longer than the model's maximum into overlapping windows and decides
 * which window's output each token keeps.
 *
 * <p>Each window holds at most {@code maxLength} tokens including the special tokens that frame
 * it; consecutive windows share {@code stride} tokens (HuggingFace's meaning of stride). A token
 * seen by several windows keeps the output of the window where it has the most context on its
 * shorter side (the text's own start and end count as unlimited context), the earlier window on
 * a tie. A sequence that fits is one window.
 *
 * @param maxLength the most tokens per window, special tokens included
 * @param stride tokens shared by consecutive windows
 */
public record SlidingWindow(int maxLength, int stride) {

    public SlidingWindow {
        if (maxLength < 3) {
            throw new IllegalArgumentException("maxLength must be at least 3, got " + maxLength);
        }
        if (stride < 0) {
            throw new IllegalArgumentException("stride must not be negative, got " + stride);
        }
    }

    /**
     * A window over content tokens {@code [start, end)}.
     *
     * @param start first content token
     * @param end one past the last content token
     */
    public record Window(int start, int end) {
        /** The number of content tokens. */
        public int length() {
            return end - start;
        }
    }

    /**
     * The windows over {@code contentTokens} tokens, each later framed by {@code specialTokens}
     * special tokens.
     *
     * @throws IllegalArgumentException when the stride leaves no room to advance
     */
    public List<Window> windows(int contentTokens, int specialTokens) {
        int capacity = maxLength - specialTokens;
        if (capacity <= stride) {
            throw new IllegalArgumentException("stride " + stride + " must be smaller than the " + capacity
                    + " content tokens a window of " + maxLength + " holds");
        }
        List<Window> windows = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = Math.min(start + capacity, contentTokens);
            windows.add(new Window(start, end));
            if (end >= contentTokens) {
                return windows;
            }
            start += capacity - stride;
        }
    }

    /**
     * For each content token, the index of the window whose output it keeps.
     *
     * @param windows windows from {@link #windows}, in order
     */
    public static int[] owners(List<Window> windows, int contentTokens) {
        int[] owner = new int[contentTokens];
        int[] best = new int[contentTokens];
        Arrays.fill(owner, -1);
        for (int w = 0; w < windows.size(); w++) {
            Window window = windows.get(w);
            for (int i = window.start(); i < window.end(); i++) {
                int left = window.start() == 0 ? Integer.MAX_VALUE : i - window.start();
                int right = window.end() == contentTokens ? Integer.MAX_VALUE : window.end() - 1 - i;
                int context = Math.min(left, right);
                if (owner[i] < 0 || context > best[i]) {
                    owner[i] = w;
                    best[i] = context;
                }
            }
        }
        for (int i = 0; i < contentTokens; i++) {
            if (owner[i] < 0) {
                throw new IllegalArgumentException("token " + i + " is in no window");
            }
        }
        return owner;
    }
}
