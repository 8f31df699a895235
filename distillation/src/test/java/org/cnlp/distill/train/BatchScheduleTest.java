package org.cnlp.distill.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchScheduleTest {

    private static void window(BatchSchedule schedule, double loss, int steps) {
        for (int i = 0; i < steps; i++) {
            schedule.observe(loss);
        }
    }

    @Test
    void growsWhileTheLossFallsAndShrinksOnAPlateauWithinItsBounds() {
        BatchSchedule schedule = BatchSchedule.adaptive(16, 8, 64, 2);
        window(schedule, 1.0, 2);
        assertEquals(16, schedule.current(), "the first window only sets the reference");
        window(schedule, 0.8, 2);
        assertEquals(32, schedule.current());
        window(schedule, 0.6, 2);
        window(schedule, 0.4, 2);
        assertEquals(64, schedule.current(), "capped at max");
        assertEquals(4.0, schedule.rateScale(), 1e-12, "the rate scales with the batch");
        window(schedule, 0.4, 2);
        assertEquals(32, schedule.current(), "a plateau halves it");
        window(schedule, 0.5, 2);
        window(schedule, 0.6, 2);
        window(schedule, 0.7, 2);
        assertEquals(8, schedule.current(), "floored at min");
    }

    @Test
    void restoresItsStateAndParsesCommandLineBounds() {
        BatchSchedule a = BatchSchedule.adaptive(16, 8, 64, 2);
        window(a, 1.0, 2);
        window(a, 0.5, 2);
        BatchSchedule b = BatchSchedule.adaptive(16, 8, 64, 2);
        b.restore(a.state());
        window(a, 0.2, 2);
        window(b, 0.2, 2);
        assertEquals(a.current(), b.current());

        assertFalse(BatchSchedule.parse("", 16).adaptive());
        BatchSchedule parsed = BatchSchedule.parse("32..512", 16);
        assertTrue(parsed.adaptive());
        assertEquals(32, parsed.current(), "the starting batch is clamped into the bounds");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchSchedule.parse("32-512", 16)).getMessage()
                .contains("MIN..MAX"));
    }
}
