package io.custodia.chaincode.support;

import io.custodia.canonical.Hashes;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.canonical.Pseudonyms;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Input checks used by value-class constructors. Each throws {@link InvalidJsonException} naming the
 * field, which {@link Args} turns into {@link ErrorCode#INVALID_ARGUMENT}.
 *
 * <p>The patterns are deliberately narrow: free text could carry a name or a patient identifier, and
 * nothing personal may reach the ledger, so only identifiers, tokens, hashes and pseudonyms pass.
 */
public final class Fields {
    /** Object identifiers chosen by clients (dataset, consent, delegation, request IDs). */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** Lower-case tokens: tags, codes, profile names, versions ({@code clinical-context:icu}). */
    public static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9._:/+-]{0,127}");
    /** Fabric MSP IDs. */
    public static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Fields() {}

    public static String id(final String field, final String value) {
        return matching(field, value, ID, "an identifier of letters, digits and . _ : - (at most 128)");
    }

    public static String token(final String field, final String value) {
        return matching(field, value, TOKEN, "a lower-case token of letters, digits and . _ : / + - (at most 128)");
    }

    public static String mspId(final String field, final String value) {
        return matching(field, value, MSP_ID, "an MSP ID");
    }

    public static String sha256(final String field, final String value) {
        required(field, value);
        if (!Hashes.isSha256Hex(value)) {
            throw new InvalidJsonException(field, "must be a SHA-256 digest as 64 lower-case hex digits");
        }
        return value;
    }

    /** A pseudonymous subject reference; anything else (a raw identifier, a name) is refused. */
    public static String subjectRef(final String field, final String value) {
        required(field, value);
        if (!Pseudonyms.isSubjectRef(value)) {
            throw new InvalidJsonException(field, "must be a pseudonymous subject reference (HMAC-SHA256, 64 lower-case hex digits), never a raw identifier");
        }
        return value;
    }

    public static Instant instant(final String field, final String value) {
        required(field, value);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidJsonException(field, "must be an ISO-8601 UTC instant such as 2026-01-31T00:00:00Z");
        }
    }

    public static long nonNegative(final String field, final long value) {
        if (value < 0) {
            throw new InvalidJsonException(field, "must not be negative");
        }
        return value;
    }

    public static <T> T required(final String field, final T value) {
        if (value == null || (value instanceof String && ((String) value).isEmpty())) {
            throw new InvalidJsonException(field, "is required");
        }
        return value;
    }

    /**
     * A list checked element by element, sorted and without duplicates, so the stored form does not
     * depend on the order a client happened to send.
     */
    public static List<String> sortedDistinct(
            final String field, final Collection<String> values, final int max, final ElementCheck check) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > max) {
            throw new InvalidJsonException(field, "must have at most " + max + " entries");
        }
        final TreeSet<String> sorted = new TreeSet<>();
        int i = 0;
        for (final String value : values) {
            final String element = check.apply(field + "[" + i + "]", value);
            if (!sorted.add(element)) {
                throw new InvalidJsonException(field + "[" + i + "]", "duplicate entry");
            }
            i++;
        }
        return List.copyOf(new ArrayList<>(sorted));
    }

    /** A per-element check such as {@link #token(String, String)}. */
    @FunctionalInterface
    public interface ElementCheck {
        String apply(String field, String value);
    }

    private static String matching(final String field, final String value, final Pattern pattern, final String what) {
        required(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidJsonException(field, "must be " + what);
        }
        return value;
    }
}
