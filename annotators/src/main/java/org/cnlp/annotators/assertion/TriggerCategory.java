package org.cnlp.annotators.assertion;

/** What a ConText trigger says about the mentions in its scope. */
public enum TriggerCategory {
    /** Sets polarity -1. */
    NEGATED,
    /** Sets uncertain. */
    UNCERTAIN,
    /** Sets conditional. */
    CONDITIONAL,
    /** Sets historical. */
    HISTORICAL,
    /** Sets subject family_member. */
    FAMILY,
    /** Sets subject other (unless a family trigger also applies). */
    OTHER_SUBJECT
}
