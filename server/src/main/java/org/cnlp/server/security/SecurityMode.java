package org.cnlp.server.security;

/** Where API keys come from. */
public enum SecurityMode {
    /** A random key is generated on first start into a file (path printed) and accepted; for a developer's machine. */
    DEV,
    /** Only the configured keys are accepted; there is no default key. */
    PROD
}
