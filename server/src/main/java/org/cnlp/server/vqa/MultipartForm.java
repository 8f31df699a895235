package org.cnlp.server.vqa;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its parts, from bytes already read
 * within the request limit. Strict: a body without its boundary, a part without a
 * {@code Content-Disposition: form-data; name=...} header, or a body that does not end with the
 * closing boundary is refused (400). Stateless and thread-safe.
 */
public final class MultipartForm {

    /** One part: its field name, the file name and content type when sent, and its bytes. */
    public record Part(String name, Optional<String> filename, Optional<String> contentType, byte[] content) {
    }

    /** More parts than any valid VQA request has. */
    static final int MAX_PARTS = 64;
    private static final int MAX_BOUNDARY = 70;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

    private MultipartForm() {
    }

    /**
     * The boundary from a Content-Type's parameters.
     *
     * @param boundary the {@code boundary} parameter's value (unquoted), or null when absent
     * @throws ProblemException 400 when it is missing or not a valid boundary
     */
    public static String boundary(String boundary) throws ProblemException {
        if (boundary == null || boundary.isEmpty()) {
            throw invalid("multipart/form-data needs a boundary parameter in its Content-Type");
        }
        if (boundary.length() > MAX_BOUNDARY || !boundary.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw invalid("the multipart boundary must have 1 to 70 printable ASCII characters");
        }
        return boundary;
    }

    /**
     * Splits a body into parts.
     *
     * @throws ProblemException 400 naming what is wrong with the body's structure
     */
    public static List<Part> parse(byte[] body, String boundary) throws ProblemException {
        byte[] first = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int pos;
        if (startsWith(body, 0, first)) {
            pos = first.length;
        } else {
            int found = indexOf(body, delimiter, 0);
            if (found < 0) {
                throw invalid("the body does not contain the multipart boundary given in its Content-Type");
            }
            pos = found + delimiter.length;
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                return parts;
            }
            while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
                pos++;
            }
            if (!startsWith(body, pos, CRLF)) {
                throw invalid("malformed multipart body: a boundary line is not followed by CRLF");
            }
            pos += CRLF.length;
            int contentStart;
            Map<String, String> headers;
            if (startsWith(body, pos, CRLF)) {
                headers = Map.of();
                contentStart = pos + CRLF.length;
            } else {
                int headersEnd = indexOf(body, HEADERS_END, pos);
                if (headersEnd < 0) {
                    throw invalid("malformed multipart body: a part's headers do not end with an empty line");
                }
                headers = headers(new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8));
                contentStart = headersEnd + HEADERS_END.length;
            }
            int next = indexOf(body, delimiter, contentStart);
            if (next < 0) {
                throw invalid("the multipart body is incomplete: it does not end with the closing boundary");
            }
            if (parts.size() == MAX_PARTS) {
                throw invalid("the multipart body has more than " + MAX_PARTS + " parts");
            }
            parts.add(part(headers, Arrays.copyOfRange(body, contentStart, next), parts.size() + 1));
            pos = next + delimiter.length;
        }
    }

    private static Part part(Map<String, String> headers, byte[] content, int number) throws ProblemException {
        String disposition = headers.get("content-disposition");
        if (disposition == null) {
            throw invalid("multipart part " + number + " has no Content-Disposition header");
        }
        Map<String, String> params = new LinkedHashMap<>();
        List<String> fields = split(disposition);
        if (!fields.getFirst().strip().equalsIgnoreCase("form-data")) {
            throw invalid("multipart part " + number + " is not form-data");
        }
        for (String field : fields.subList(1, fields.size())) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                params.put(field.substring(0, eq).strip().toLowerCase(Locale.ROOT), unquote(field.substring(eq + 1).strip()));
            }
        }
        String name = params.get("name");
        if (name == null || name.isEmpty()) {
            throw invalid("multipart part " + number + " has no name in its Content-Disposition");
        }
        return new Part(name, Optional.ofNullable(params.get("filename")).filter(f -> !f.isEmpty()),
                Optional.ofNullable(headers.get("content-type")), content);
    }

    /** Header lines as lower-case name to value; folded lines are not used by form-data senders. */
    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return headers;
    }

    /** Splits a header value on semicolons outside quoted strings. */
    private static List<String> split(String value) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (offset < 0 || offset + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from) {
        byte head = pattern[0];
        for (int i = from, last = bytes.length - pattern.length; i <= last; i++) {
            if (bytes[i] == head && startsWith(bytes, i, pattern)) {
                return i;
            }
        }
        return -1;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }
}
