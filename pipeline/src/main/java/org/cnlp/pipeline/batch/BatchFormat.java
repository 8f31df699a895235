package org.cnlp.pipeline.batch;

import java.util.Locale;

/** What a batch writes per document. */
public enum BatchFormat {
    /** cnlp annotation JSON (see the module README). */
    JSON(".json"),
    /** The whole CAS as UIMA XMI; {@code TypeSystem.xml} is written beside the outputs. */
    XMI(".xmi");

    private final String extension;

    BatchFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** {@code json} or {@code xmi}, case-insensitive. */
    public static BatchFormat parse(String name) {
        for (BatchFormat format : values()) {
            if (format.name().equalsIgnoreCase(name.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown output format '" + name + "'; expected json or xmi");
    }

    /** Lower-case name as written on the command line and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
