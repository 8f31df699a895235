package org.cnlp.model.weights.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal protocol buffers wire-format reader over a byte array: enough to walk ONNX's
 * ModelProto, GraphProto, NodeProto and TensorProto without generated classes. Not thread-safe;
 * length-delimited fields are read as views, never copied.
 */
public final class ProtoReader {

    /** Wire type of varint fields. */
    public static final int VARINT = 0;
    /** Wire type of 64-bit fields. */
    public static final int FIXED64 = 1;
    /** Wire type of length-delimited fields (strings, bytes, messages, packed arrays). */
    public static final int LENGTH_DELIMITED = 2;
    /** Wire type of 32-bit fields. */
    public static final int FIXED32 = 5;

    private final byte[] data;
    private final int limit;
    private int position;
    private int tag;

    private ProtoReader(byte[] data, int from, int to) {
        this.data = data;
        this.position = from;
        this.limit = to;
    }

    /** A reader over a whole message. */
    public static ProtoReader of(byte[] data) {
        return new ProtoReader(data, 0, data.length);
    }

    /**
     * Advances to the next field.
     *
     * @return false at the end of the message
     */
    public boolean next() {
        if (position >= limit) {
            return false;
        }
        tag = (int) readVarint();
        if (fieldNumber() == 0) {
            throw malformed("field number 0");
        }
        return true;
    }

    /** The current field's number. */
    public int fieldNumber() {
        return tag >>> 3;
    }

    /** The current field's wire type. */
    public int wireType() {
        return tag & 7;
    }

    /** Reads the current varint field. */
    public long varint() {
        expect(VARINT);
        return readVarint();
    }

    /** Reads the current length-delimited field as UTF-8 text. */
    public String string() {
        int length = length();
        String value = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** Reads the current length-delimited field as a nested message. */
    public ProtoReader message() {
        int length = length();
        ProtoReader nested = new ProtoReader(data, position, position + length);
        position += length;
        return nested;
    }

    /** Reads the current length-delimited field as a range of the underlying array. */
    public ByteRange bytes() {
        int length = length();
        ByteRange range = new ByteRange(data, position, length);
        position += length;
        return range;
    }

    /** Reads the current field as one or more int64 values: a single varint or a packed run. */
    public long[] int64s() {
        if (wireType() == VARINT) {
            return new long[] {readVarint()};
        }
        ProtoReader packed = message();
        long[] values = new long[8];
        int count = 0;
        while (packed.position < packed.limit) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = packed.readVarint();
        }
        return Arrays.copyOf(values, count);
    }

    /** Skips the current field. */
    public void skip() {
        switch (wireType()) {
            case VARINT -> readVarint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> advance(length());
            case FIXED32 -> advance(4);
            default -> throw malformed("unsupported wire type " + wireType());
        }
    }

    private int length() {
        expect(LENGTH_DELIMITED);
        long length = readVarint();
        if (length < 0 || length > limit - position) {
            throw malformed("length " + length + " runs past the message end");
        }
        return (int) length;
    }

    private void advance(int count) {
        if (count > limit - position) {
            throw malformed("field runs past the message end");
        }
        position += count;
    }

    private long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw malformed("truncated varint");
            }
            byte b = data[position++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    private void expect(int wireType) {
        if (wireType() != wireType) {
            throw malformed("field " + fieldNumber() + " has wire type " + wireType() + ", expected " + wireType);
        }
    }

    private IllegalArgumentException malformed(String what) {
        return new IllegalArgumentException("malformed protobuf at byte " + position + ": " + what);
    }

    /** A slice of a byte array. */
    public record ByteRange(byte[] array, int offset, int length) {}
}
