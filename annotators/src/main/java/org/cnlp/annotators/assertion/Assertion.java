package org.cnlp.annotators.assertion;

/**
 * The assertion status of one mention.
 *
 * @param polarity    1 affirmed, -1 negated
 * @param uncertain   hedged ("possible", "rule out", "unlikely")
 * @param conditional only under a condition ("if", "should", "as needed for")
 * @param historical  in the past ("history of", "s/p", past medical or surgical history section)
 * @param subject     who it is about
 */
public record Assertion(int polarity, boolean uncertain, boolean conditional, boolean historical, Subject subject) {

    /** Affirmed, certain, unconditional, current, about the patient. */
    public static final Assertion DEFAULT = new Assertion(1, false, false, false, Subject.PATIENT);

    public Assertion {
        if (polarity != 1 && polarity != -1) {
            throw new IllegalArgumentException("polarity must be 1 or -1: " + polarity);
        }
        if (subject == null) {
            throw new IllegalArgumentException("subject is required");
        }
    }

    /** Whether the mention is negated. */
    public boolean negated() {
        return polarity < 0;
    }
}
