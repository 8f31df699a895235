package org.cnlp.model.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SequencedMap;
import java.util.SequencedSet;
import java.util.function.Function;

/** An immutable, ordered set of named weight tensors. */
public final class WeightSet {

    private final LinkedHashMap<String, HostTensor> tensors;

    private WeightSet(LinkedHashMap<String, HostTensor> tensors) {
        this.tensors = tensors;
    }

    /** A weight set with the entries of {@code tensors}, in its iteration order. */
    public static WeightSet of(Map<String, HostTensor> tensors) {
        return new WeightSet(new LinkedHashMap<>(tensors));
    }

    /** The tensor names in order. */
    public SequencedSet<String> names() {
        return Collections.unmodifiableSequencedSet(tensors.sequencedKeySet());
    }

    /** The tensors by name, read-only and in order. */
    public SequencedMap<String, HostTensor> asMap() {
        return Collections.unmodifiableSequencedMap(tensors);
    }

    /** Whether a tensor of this name exists. */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /**
     * The tensor of this name.
     *
     * @throws NoSuchElementException naming the missing tensor
     */
    public HostTensor get(String name) {
        HostTensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new NoSuchElementException("no weight named " + name);
        }
        return tensor;
    }

    /** The number of tensors. */
    public int size() {
        return tensors.size();
    }

    /** The total number of elements. */
    public long parameterCount() {
        return tensors.values().stream().mapToLong(HostTensor::size).sum();
    }

    /**
     * A weight set with every name passed through {@code rename}; names mapped to an empty
     * string are dropped. Two names mapping to one fails.
     */
    public WeightSet rename(Function<String, String> rename) {
        LinkedHashMap<String, HostTensor> out = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> {
            String target = rename.apply(name);
            if (!target.isEmpty() && out.putIfAbsent(target, tensor) != null) {
                throw new IllegalArgumentException("two weights map to " + target + " (one is " + name + ")");
            }
        });
        return new WeightSet(out);
    }

    @Override
    public String toString() {
        return "WeightSet[" + tensors.size() + " tensors, " + parameterCount() + " values]";
    }
}
