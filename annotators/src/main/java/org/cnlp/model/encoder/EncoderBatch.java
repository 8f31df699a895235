package org.cnlp.model.encoder;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cnlp.model.tokenizer.TokenSequence;

/**
 * Token sequences padded to one length: the {@code input_ids}, {@code attention_mask} and
 * {@code token_type_ids} arrays of one forward pass. Immutable.
 */
public final class EncoderBatch {

    private final int size;
    private final int length;
    private final int[] lengths;
    private final long[] ids;
    private final long[] mask;
    private final long[] types;
    private final long padId;

    /** One sequence of a batch without its padding: what batches are merged from. */
    public record Row(long[] ids, long[] types) {
        public Row {
            if (ids.length != types.length) {
                throw new IllegalArgumentException("a row needs as many type ids as token ids");
            }
        }

        /** The number of tokens. */
        public int length() {
            return ids.length;
        }
    }

    private EncoderBatch(int size, int length, int[] lengths, long[] ids, long[] mask, long[] types, long padId) {
        this.size = size;
        this.length = length;
        this.lengths = lengths;
        this.ids = ids;
        this.mask = mask;
        this.types = types;
        this.padId = padId;
    }

    /** Pads to the longest sequence. */
    public static EncoderBatch of(List<TokenSequence> sequences, long padId) {
        return of(sequences, padId, 0);
    }

    /**
     * Pads to {@code padTo} tokens, or to the longest sequence when that is longer or
     * {@code padTo} is 0.
     */
    public static EncoderBatch of(List<TokenSequence> sequences, long padId, int padTo) {
        List<Row> rows = new ArrayList<>(sequences.size());
        for (TokenSequence sequence : sequences) {
            long[] ids = new long[sequence.length()];
            long[] types = new long[sequence.length()];
            for (int t = 0; t < ids.length; t++) {
                ids[t] = sequence.id(t);
                types[t] = sequence.typeId(t);
            }
            rows.add(new Row(ids, types));
        }
        return ofRows(rows, padId, padTo);
    }

    /**
     * Rows of other batches (of the same tokenizer) padded to the longest of them: how concurrent
     * callers' sequences share one forward pass.
     */
    public static EncoderBatch ofRows(List<Row> rows, long padId) {
        return ofRows(rows, padId, 0);
    }

    private static EncoderBatch ofRows(List<Row> rows, long padId, int padTo) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        int size = rows.size();
        int length = Math.max(padTo, rows.stream().mapToInt(Row::length).max().orElseThrow());
        if (length == 0) {
            throw new IllegalArgumentException("every sequence of the batch is empty");
        }
        int[] lengths = new int[size];
        long[] ids = new long[size * length];
        long[] mask = new long[size * length];
        long[] types = new long[size * length];
        Arrays.fill(ids, padId);
        for (int b = 0; b < size; b++) {
            Row row = rows.get(b);
            lengths[b] = row.length();
            System.arraycopy(row.ids(), 0, ids, b * length, row.length());
            System.arraycopy(row.types(), 0, types, b * length, row.length());
            Arrays.fill(mask, b * length, b * length + row.length(), 1L);
        }
        return new EncoderBatch(size, length, lengths, ids, mask, types, padId);
    }

    /** Each sequence without its padding, in order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(size);
        for (int b = 0; b < size; b++) {
            int from = b * length;
            rows.add(new Row(Arrays.copyOfRange(ids, from, from + lengths[b]), Arrays.copyOfRange(types, from, from + lengths[b])));
        }
        return rows;
    }

    /** The id that fills the padding. */
    public long padId() {
        return padId;
    }

    /** The number of sequences. */
    public int size() {
        return size;
    }

    /** The padded length. */
    public int length() {
        return length;
    }

    /** The unpadded length of sequence {@code b}. */
    public int sequenceLength(int b) {
        return lengths[b];
    }

    /** The number of real (unpadded) tokens. */
    public long tokenCount() {
        return Arrays.stream(lengths).asLongStream().sum();
    }

    /** {@code input_ids}, row-major {@code [size, length]} (a copy). */
    public long[] inputIds() {
        return ids.clone();
    }

    /** {@code attention_mask}: 1 for tokens, 0 for padding (a copy). */
    public long[] attentionMask() {
        return mask.clone();
    }

    /** {@code token_type_ids} (a copy). */
    public long[] tokenTypeIds() {
        return types.clone();
    }

    /** {@code input_ids}, {@code attention_mask}, {@code token_type_ids} as int64 arrays owned by {@code manager}. */
    public NDList toNDList(NDManager manager) {
        Shape shape = new Shape(size, length);
        return new NDList(manager.create(ids, shape), manager.create(mask, shape), manager.create(types, shape));
    }
}
