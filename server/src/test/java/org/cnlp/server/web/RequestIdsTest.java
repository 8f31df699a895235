package org.cnlp.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void keepsAPlainCallerIdAndReplacesAnythingElse() {
        assertEquals("abc-123_x.y:z", RequestIds.accept("abc-123_x.y:z"));
        for (String bad : new String[] {null, "", "has space", "new\nline", "x".repeat(65), "<script>"}) {
            String id = RequestIds.accept(bad);
            assertNotEquals(bad, id);
            assertTrue(id.matches("[0-9a-f-]{36}"), id);
        }
        assertNotEquals(RequestIds.accept(null), RequestIds.accept(null));
    }
}
