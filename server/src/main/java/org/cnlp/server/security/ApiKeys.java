package org.cnlp.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The API keys a server accepts as {@code Authorization: Bearer <key>}. Only SHA-256 digests are
 * kept, and a presented key is compared against every digest in constant time. Immutable and
 * thread-safe.
 */
public final class ApiKeys {

    /** The answer for one request's {@code Authorization} header. */
    public enum Verdict {
        /** A configured key: 200 path. */
        ACCEPTED,
        /** No bearer credential at all: 401. */
        MISSING,
        /** A bearer credential that is not a configured key: 403. */
        REJECTED
    }

    /** Shortest key accepted in configuration. */
    public static final int MIN_KEY_LENGTH = 16;

    private static final String BEARER = "bearer ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /**
     * @throws IllegalArgumentException when a key is shorter than {@value #MIN_KEY_LENGTH} characters or holds white space
     */
    public static ApiKeys of(Collection<String> keys) {
        List<byte[]> digests = new ArrayList<>();
        for (String key : keys) {
            if (key.length() < MIN_KEY_LENGTH || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("API keys need at least " + MIN_KEY_LENGTH
                        + " characters and no white space (one key has " + key.length() + " characters)");
            }
            digests.add(sha256(key));
        }
        return new ApiKeys(digests);
    }

    /**
     * The keys of a mode: in {@link SecurityMode#DEV} the development key (created in
     * {@code devKeyFile} on first use) plus any configured ones; in {@link SecurityMode#PROD} only
     * the configured ones, from {@code keysFile} (one per line, {@code #} comments) and {@code keys}.
     */
    public static ApiKeys load(SecurityMode mode, Path devKeyFile, Optional<Path> keysFile, List<String> keys) throws IOException {
        List<String> all = new ArrayList<>(keys);
        if (keysFile.isPresent()) {
            all.addAll(readKeysFile(keysFile.get()));
        }
        if (mode == SecurityMode.DEV) {
            all.add(loadOrCreateDevKey(devKeyFile));
        }
        return of(all);
    }

    static List<String> readKeysFile(Path file) throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String key = line.strip();
            if (!key.isEmpty() && !key.startsWith("#")) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Reads the development key, or creates it (256 random bits, base64url, owner-only permissions) when the file is missing. */
    public static String loadOrCreateDevKey(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".api-key", ".tmp");
        try {
            restrictToOwner(temp);
            Files.writeString(temp, key + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's permissions apply
        }
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    public int size() {
        return digests.size();
    }

    /** Checks an {@code Authorization} header value (absent: empty). */
    public Verdict check(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            return Verdict.MISSING;
        }
        String header = authorization.get().strip();
        if (header.length() <= BEARER.length() || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Verdict.MISSING;
        }
        String token = header.substring(BEARER.length()).strip();
        if (token.isEmpty()) {
            return Verdict.MISSING;
        }
        byte[] presented = sha256(token);
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match ? Verdict.ACCEPTED : Verdict.REJECTED;
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
