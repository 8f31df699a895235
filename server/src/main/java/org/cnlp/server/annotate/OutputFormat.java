package org.cnlp.server.annotate;

/** How an annotated document is returned. */
public enum OutputFormat {
    /** cnlp annotation JSON, the schema the CLI writes ({@code cnlp-annotations} 1.x). */
    JSON("application/json"),
    /** The whole CAS as UIMA XMI. */
    XMI("application/vnd.uima.xmi+xml");

    public static final String XMI_MEDIA_TYPE = "application/vnd.uima.xmi+xml";

    private final String mediaType;

    OutputFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
