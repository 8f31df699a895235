package org.cnlp.server.annotate;

/**
 * Bounds on what one request may carry.
 *
 * @param maxBodyBytes      largest request body (413 beyond)
 * @param maxBatchDocuments most documents in one batch request (413 beyond)
 * @param maxIdLength       longest document id (400 beyond)
 */
public record RequestLimits(long maxBodyBytes, int maxBatchDocuments, int maxIdLength) {

    public static final RequestLimits DEFAULT = new RequestLimits(10L * 1024 * 1024, 64, 200);

    public RequestLimits {
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8 || maxBatchDocuments < 1 || maxIdLength < 1) {
            throw new IllegalArgumentException("request limits out of range: " + maxBodyBytes + " bytes, "
                    + maxBatchDocuments + " documents, id length " + maxIdLength);
        }
    }
}
