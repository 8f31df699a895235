package org.cnlp.distill.report;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Metrics of one training epoch. Any {@code double} may be {@link Double#NaN} when unknown (for instance the training
 * loss of an epoch resumed mid-way, or the dev scores of an epoch without evaluation).
 *
 * @param epoch        epoch number, {@code >= 0}
 * @param steps        optimizer steps done so far in the run (cumulative), {@code >= 0}
 * @param trainLoss    mean training loss over the epoch
 * @param learningRate learning rate at the end of the epoch, {@code >= 0}
 * @param seconds      wall-clock seconds the epoch took, {@code >= 0}
 * @param devF1        dev-set F1 per entity type (e.g. "Disease", "Chemical"), each in {@code [0, 1]}; stored as an
 *                     unmodifiable copy sorted by type name
 * @param devMicroF1   dev-set micro-averaged F1 over all types, in {@code [0, 1]}
 */
public record EpochMetrics(int epoch, long steps, double trainLoss, double learningRate, double seconds,
        Map<String, Double> devF1, double devMicroF1) {

    /** Validates the values and copies {@code devF1} into an unmodifiable sorted map. */
    public EpochMetrics {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        requireNonNegativeOrNaN("learningRate", learningRate);
        requireNonNegativeOrNaN("seconds", seconds);
        Objects.requireNonNull(devF1, "devF1 must not be null (use an empty map when there was no dev evaluation)");
        TreeMap<String, Double> sorted = new TreeMap<>();
        for (Map.Entry<String, Double> entry : devF1.entrySet()) {
            String type = entry.getKey();
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("devF1 entity type names must be non-blank, got '" + type + "'");
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("devF1 of '" + type + "' is null (use Double.NaN when unknown)");
            }
            requireF1("devF1 of '" + type + "'", entry.getValue());
            sorted.put(type, entry.getValue());
        }
        devF1 = Collections.unmodifiableSortedMap(sorted);
        requireF1("devMicroF1", devMicroF1);
    }

    private static void requireNonNegativeOrNaN(String name, double value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 or NaN, got " + value);
        }
    }

    private static void requireF1(String name, double value) {
        if (!Double.isNaN(value) && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1] (a fraction, not a percentage) or NaN, got "
                    + value);
        }
    }
}
