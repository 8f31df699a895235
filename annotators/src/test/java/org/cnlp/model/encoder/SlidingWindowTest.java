package org.cnlp.model.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    @Test
    void cutsWithTheGivenOverlap() {
        SlidingWindow window = new SlidingWindow(10, 3);
        List<SlidingWindow.Window> windows = window.windows(20, 2);
        assertEquals(List.of(new SlidingWindow.Window(0, 8), new SlidingWindow.Window(5, 13), new SlidingWindow.Window(10, 18),
                new SlidingWindow.Window(15, 20)), windows);
        assertEquals(List.of(new SlidingWindow.Window(0, 8)), window.windows(8, 2));
        assertEquals(List.of(new SlidingWindow.Window(0, 0)), window.windows(0, 2));
    }

    @Test
    void eachTokenKeepsTheWindowWithMostContext() {
        List<SlidingWindow.Window> windows = new SlidingWindow(10, 4).windows(14, 2);
        assertEquals(List.of(new SlidingWindow.Window(0, 8), new SlidingWindow.Window(4, 12), new SlidingWindow.Window(8, 14)), windows);
        int[] owners = SlidingWindow.owners(windows, 14);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}, owners);
    }

    @Test
    void randomPlansCoverEveryTokenWithinOneWindow() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 500; round++) {
            int maxLength = random.nextInt(3, 40);
            int specials = random.nextInt(0, 3);
            if (maxLength - specials < 1) {
                continue;
            }
            int stride = random.nextInt(0, maxLength - specials);
            int tokens = random.nextInt(0, 300);
            List<SlidingWindow.Window> windows = new SlidingWindow(maxLength, stride).windows(tokens, specials);
            for (int w = 0; w < windows.size(); w++) {
                SlidingWindow.Window window = windows.get(w);
                assertTrue(window.length() <= maxLength - specials);
                if (w > 0) {
                    assertEquals(stride, windows.get(w - 1).end() - window.start(), "overlap, round " + round);
                }
            }
            assertEquals(tokens, windows.getLast().end());
            int[] owners = SlidingWindow.owners(windows, tokens);
            for (int i = 0; i < tokens; i++) {
                SlidingWindow.Window owner = windows.get(owners[i]);
                assertTrue(owner.start() <= i && i < owner.end());
            }
        }
    }

    @Test
    void rejectsAStrideThatCannotAdvance() {
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(10, 8).windows(50, 2));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(10, -1));
    }
}
