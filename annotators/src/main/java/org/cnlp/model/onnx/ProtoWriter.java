package org.cnlp.model.onnx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal protocol buffers wire-format writer: varint, 32-bit and length-delimited fields,
 * enough to write an ONNX ModelProto without generated classes (the counterpart of
 * {@code weights.internal.ProtoReader}).
 *
 * <p>Large payloads are not copied while a message is assembled: {@link #bytes} and
 * {@link #message} keep references to the given arrays and to the nested writer's parts, and
 * {@link #toByteArray} concatenates everything once. So a byte array handed to {@link #bytes}
 * must not change afterwards, and a writer embedded with {@link #message} is sealed: writing to
 * it again fails. Not thread-safe.
 */
public final class ProtoWriter {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final List<byte[]> parts = new ArrayList<>();
    private byte[] scratch = new byte[64];
    private int scratchLength;
    private long size;
    private boolean sealed;

    /** An empty message. */
    public ProtoWriter() {}

    /** Writes an int32, int64, enum or bool field (negative values take ten bytes, as protobuf writes them). */
    public ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** Writes a {@code float} field (wire type 5, little-endian). */
    public ProtoWriter float32(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            put((byte) (bits >>> (8 * i)));
        }
        return this;
    }

    /** Writes a string field as UTF-8. */
    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a bytes field; the array is kept by reference and must not change afterwards. */
    public ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        flushScratch();
        if (value.length > 0) {
            parts.add(value);
            size += value.length;
        }
        return this;
    }

    /** Writes a packed repeated varint field ({@code repeated int64} in proto3). */
    public ProtoWriter packedVarints(int field, long... values) {
        ProtoWriter packed = new ProtoWriter();
        for (long value : values) {
            packed.rawVarint(value);
        }
        return message(field, packed);
    }

    /** Writes a packed repeated {@code float} field. */
    public ProtoWriter packedFloats(int field, float... values) {
        ProtoWriter packed = new ProtoWriter();
        for (float value : values) {
            int bits = Float.floatToRawIntBits(value);
            for (int i = 0; i < 4; i++) {
                packed.put((byte) (bits >>> (8 * i)));
            }
        }
        return message(field, packed);
    }

    /** Writes a nested message; {@code child} is sealed and its parts are shared, not copied. */
    public ProtoWriter message(int field, ProtoWriter child) {
        if (child == this) {
            throw new IllegalArgumentException("a message cannot contain itself");
        }
        child.flushScratch();
        child.sealed = true;
        tag(field, LENGTH_DELIMITED);
        rawVarint(child.size);
        flushScratch();
        parts.addAll(child.parts);
        size += child.size;
        return this;
    }

    /** The encoded size in bytes. */
    public long size() {
        return size + scratchLength;
    }

    /**
     * The encoded message.
     *
     * @throws IllegalStateException when it exceeds what one Java array holds (2 GiB, also
     *     protobuf's own limit)
     */
    public byte[] toByteArray() {
        flushScratch();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("message of " + size + " bytes exceeds the 2 GiB protobuf limit");
        }
        byte[] out = new byte[(int) size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private void tag(int field, int wireType) {
        if (field <= 0 || field > (1 << 29) - 1) {
            throw new IllegalArgumentException("invalid field number " + field);
        }
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            put((byte) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        put((byte) rest);
    }

    private void put(byte b) {
        if (sealed) {
            throw new IllegalStateException("this writer is part of another message and can no longer change");
        }
        if (scratchLength == scratch.length) {
            scratch = Arrays.copyOf(scratch, scratch.length * 2);
        }
        scratch[scratchLength++] = b;
    }

    private void flushScratch() {
        if (scratchLength > 0) {
            parts.add(Arrays.copyOf(scratch, scratchLength));
            size += scratchLength;
            scratchLength = 0;
        }
    }
}
