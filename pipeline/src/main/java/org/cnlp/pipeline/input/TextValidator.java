package org.cnlp.pipeline.input;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

import org.cnlp.pipeline.input.InputRejectedException.Reason;

/**
 * Turns raw bytes into note text or says clearly why not. Checks, in order: size limit, empty,
 * binary content (NUL bytes or a high share of control characters), strict UTF-8 decoding
 * (an optional byte-order mark is dropped), and blank text. Thread-safe and stateless apart from
 * its limit.
 */
public final class TextValidator {

    /** 10 MiB: far above any clinical note, low enough to keep one document's CAS small. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    private static final double MAX_CONTROL_SHARE = 0.05;

    private final long maxBytes;

    public TextValidator(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public TextValidator() {
        this(DEFAULT_MAX_BYTES);
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Fails fast on a declared size before any byte is read. */
    public void checkSize(long size, String documentId) throws InputRejectedException {
        if (size > maxBytes) {
            throw new InputRejectedException(Reason.TOO_LARGE, documentId + ": " + size
                    + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
    }

    public String decode(byte[] bytes, String documentId) throws InputRejectedException {
        checkSize(bytes.length, documentId);
        if (bytes.length == 0) {
            throw new InputRejectedException(Reason.EMPTY, documentId + ": empty document (0 bytes)");
        }
        int offset = hasUtf8Bom(bytes) ? 3 : 0;
        checkNotBinary(bytes, offset, documentId);
        String text = decodeUtf8(bytes, offset, documentId);
        if (text.isBlank()) {
            throw new InputRejectedException(Reason.EMPTY, documentId + ": document contains only whitespace");
        }
        return text;
    }

    private static boolean hasUtf8Bom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    private static void checkNotBinary(byte[] bytes, int offset, String documentId) throws InputRejectedException {
        int control = 0;
        for (int i = offset; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                throw new InputRejectedException(Reason.BINARY,
                        documentId + ": binary content (NUL byte at offset " + i + "); expected UTF-8 text");
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                control++;
            }
        }
        if (control > MAX_CONTROL_SHARE * (bytes.length - offset)) {
            throw new InputRejectedException(Reason.BINARY, documentId + ": binary content (" + control
                    + " control bytes in " + (bytes.length - offset) + "); expected UTF-8 text");
        }
    }

    private static String decodeUtf8(byte[] bytes, int offset, String documentId) throws InputRejectedException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            CharBuffer chars = decoder.decode(in);
            return chars.toString();
        } catch (MalformedInputException e) {
            throw new InputRejectedException(Reason.NOT_UTF8, documentId + ": not valid UTF-8 (malformed byte sequence at offset "
                    + (offset + in.position()) + "); convert the file to UTF-8", e);
        } catch (CharacterCodingException e) {
            throw new InputRejectedException(Reason.NOT_UTF8, documentId + ": not valid UTF-8; convert the file to UTF-8", e);
        }
    }
}
