package org.cnlp.model.ner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BIO tags over a list of entity types: tag 0 is {@code O}, then {@code B-T} and {@code I-T} for
 * each type {@code T} in order ({@code O, B-Disease, I-Disease, B-Chemical, I-Chemical}).
 *
 * @param types the entity types, distinct, in tag order
 */
public record LabelScheme(List<String> types) {

    /** The tag of tokens outside every entity. */
    public static final int OUTSIDE = 0;

    public LabelScheme {
        types = List.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("a label scheme needs at least one entity type");
        }
        if (types.stream().distinct().count() != types.size()) {
            throw new IllegalArgumentException("entity types repeat: " + types);
        }
        for (String type : types) {
            if (type.isBlank() || type.contains(" ")) {
                throw new IllegalArgumentException("entity type '" + type + "' must be a non-blank word");
            }
        }
    }

    /** A scheme over these types. */
    public static LabelScheme of(String... types) {
        return new LabelScheme(List.of(types));
    }

    /**
     * The scheme of a tag list as a bundle stores it ({@code O, B-X, I-X, ...}).
     *
     * @throws IllegalArgumentException when the list is not in this scheme's order
     */
    public static LabelScheme fromTags(List<String> tags) {
        List<String> types = new ArrayList<>();
        for (int i = 1; i < tags.size(); i += 2) {
            if (!tags.get(i).startsWith("B-")) {
                throw new IllegalArgumentException("tag " + i + " should be a B- tag: " + tags);
            }
            types.add(tags.get(i).substring(2));
        }
        LabelScheme scheme = new LabelScheme(types);
        if (!scheme.tags().equals(tags)) {
            throw new IllegalArgumentException("tags are not O followed by B-/I- pairs: " + tags);
        }
        return scheme;
    }

    /** The number of tags, {@code 1 + 2 * types}. */
    public int size() {
        return 1 + 2 * types.size();
    }

    /** Every tag name, in index order. */
    public List<String> tags() {
        List<String> tags = new ArrayList<>(size());
        tags.add("O");
        for (String type : types) {
            tags.add("B-" + type);
            tags.add("I-" + type);
        }
        return List.copyOf(tags);
    }

    /** The index of a type, or -1. */
    public int typeIndex(String type) {
        return types.indexOf(type);
    }

    /** The {@code B-} tag of type {@code t}. */
    public int begin(int t) {
        return 1 + 2 * t;
    }

    /** The {@code I-} tag of type {@code t}. */
    public int inside(int t) {
        return 2 + 2 * t;
    }

    /** The type a tag belongs to, empty for {@code O}. */
    public Optional<String> typeOf(int tag) {
        return tag == OUTSIDE ? Optional.empty() : Optional.of(types.get((tag - 1) / 2));
    }

    /** Whether a tag is a {@code B-} tag. */
    public boolean isBegin(int tag) {
        return tag != OUTSIDE && tag % 2 == 1;
    }
}
