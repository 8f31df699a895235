package org.cnlp.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.cnlp.server.security.ApiKeys.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    private static final String KEY = "k3y-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void acceptsOnlyAConfiguredBearerKey() {
        ApiKeys keys = ApiKeys.of(List.of(KEY, "another-key-0123456789"));
        assertEquals(Verdict.ACCEPTED, keys.check(Optional.of("Bearer " + KEY)));
        assertEquals(Verdict.ACCEPTED, keys.check(Optional.of("bearer   another-key-0123456789 ")));
        assertEquals(Verdict.REJECTED, keys.check(Optional.of("Bearer " + KEY + "x")));
        assertEquals(Verdict.REJECTED, keys.check(Optional.of("Bearer " + KEY.substring(1))));
        assertEquals(Verdict.MISSING, keys.check(Optional.empty()));
        assertEquals(Verdict.MISSING, keys.check(Optional.of("Bearer ")));
        assertEquals(Verdict.MISSING, keys.check(Optional.of("Basic dXNlcjpwYXNz")));
        assertEquals(Verdict.MISSING, keys.check(Optional.of(KEY)));
    }

    @Test
    void shortOrSpacedKeysAreRefusedInConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.of(List.of("short")));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.of(List.of("has a space in it, long enough")));
    }

    @Test
    void developmentModeCreatesAPrivateKeyOnceAndAcceptsIt() throws Exception {
        Path file = dir.resolve("sub/dev-api-key");
        ApiKeys first = ApiKeys.load(SecurityMode.DEV, file, Optional.empty(), List.of());
        String key = Files.readString(file).strip();
        assertTrue(key.length() >= 40, key);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals(Verdict.ACCEPTED, first.check(Optional.of("Bearer " + key)));
        ApiKeys second = ApiKeys.load(SecurityMode.DEV, file, Optional.empty(), List.of());
        assertEquals(key, Files.readString(file).strip());
        assertEquals(Verdict.ACCEPTED, second.check(Optional.of("Bearer " + key)));
        assertEquals(1, second.size());
    }

    @Test
    void productionModeHasNoDefaultKey() throws Exception {
        Path devFile = dir.resolve("dev-api-key");
        ApiKeys none = ApiKeys.load(SecurityMode.PROD, devFile, Optional.empty(), List.of());
        assertTrue(none.isEmpty());
        assertFalse(Files.exists(devFile));
        assertEquals(Verdict.REJECTED, none.check(Optional.of("Bearer " + KEY)));
        Path keysFile = Files.writeString(dir.resolve("keys"), "# team keys\n" + KEY + "\n\n  another-key-0123456789  \n");
        ApiKeys configured = ApiKeys.load(SecurityMode.PROD, devFile, Optional.of(keysFile), List.of("third-key-0123456789"));
        assertEquals(3, configured.size());
        assertEquals(Verdict.ACCEPTED, configured.check(Optional.of("Bearer third-key-0123456789")));
        assertEquals(Verdict.ACCEPTED, configured.check(Optional.of("Bearer another-key-0123456789")));
    }
}
