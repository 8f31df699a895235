package org.cnlp.pipeline.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.cnlp.pipeline.input.InputRejectedException.Reason;
import org.junit.jupiter.api.Test;

class TextValidatorTest {

    private final TextValidator validator = new TextValidator(1000);

    private Reason rejection(byte[] bytes) {
        return assertThrows(InputRejectedException.class, () -> validator.decode(bytes, "note-1")).reason();
    }

    @Test
    void acceptsUtf8AndDropsByteOrderMark() throws Exception {
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'F', 'e', 'v', 'e', 'r', ' ', (byte) 0xC3, (byte) 0xA9};
        assertEquals("Fever é", validator.decode(withBom, "n"));
    }

    @Test
    void rejectsEachKindOfBadInputWithItsReason() {
        assertEquals(Reason.EMPTY, rejection(new byte[0]));
        assertEquals(Reason.EMPTY, rejection(" \n\t ".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Reason.BINARY, rejection(new byte[] {'a', 0, 'b'}));
        assertEquals(Reason.BINARY, rejection(new byte[] {1, 2, 3, 4, 5, 'a'}));
        assertEquals(Reason.NOT_UTF8, rejection("caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(Reason.TOO_LARGE, rejection(new byte[1001]));
    }

    @Test
    void messagesNameTheDocumentButNeverTheText() {
        byte[] latin1 = "Patient Jane Secret has diab\u00e8te".getBytes(StandardCharsets.ISO_8859_1);
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> validator.decode(latin1, "note-7"));
        assertTrue(e.getMessage().startsWith("note-7: not valid UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("offset 28"), e.getMessage());
        assertFalse(e.getMessage().contains("Secret"));
    }

    @Test
    void limitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new TextValidator(0));
    }
}
