package org.cnlp.annotators.assertion;

/** Who a mention is about; {@link #value()} is the value of {@code ClinicalEntity.subject}. */
public enum Subject {
    PATIENT("patient"),
    FAMILY_MEMBER("family_member"),
    OTHER("other");

    private final String value;

    Subject(String value) {
        this.value = value;
    }

    /** The feature value: {@code patient}, {@code family_member} or {@code other}. */
    public String value() {
        return value;
    }

    /** The subject whose {@link #value()} is {@code value}. */
    public static Subject fromValue(String value) {
        for (Subject s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown subject: " + value);
    }
}
