package io.custodia.chaincode.consent;

import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.support.Fields;
import java.time.Instant;

/**
 * Validity periods {@code [validFrom, validUntil)} of consents and delegations. {@code validUntil}
 * is optional: absent means open-ended, in force until revoked or ended. Instants are stored in
 * their normalised {@link Instant#toString()} form so equal times have equal bytes.
 */
public final class Validity {
    private Validity() {}

    /** The normalised start. */
    public static String from(final String value) {
        return Fields.instant("validFrom", value).toString();
    }

    /** The normalised end, {@code null} when open-ended; must be after {@code validFrom}. */
    public static String until(final String validFrom, final String value) {
        if (value == null) {
            return null;
        }
        final Instant until = Fields.instant("validUntil", value);
        if (!until.isAfter(Instant.parse(validFrom))) {
            throw new InvalidJsonException("validUntil", "must be after validFrom");
        }
        return until.toString();
    }

    /** True when {@code validFrom <= time < validUntil}. */
    public static boolean contains(final String validFrom, final String validUntil, final Instant time) {
        return contains(Instant.parse(validFrom), validUntil == null ? null : Instant.parse(validUntil), time);
    }

    /** True when {@code validFrom <= time < validUntil}; {@code validUntil} null is open-ended. */
    public static boolean contains(final Instant validFrom, final Instant validUntil, final Instant time) {
        return !time.isBefore(validFrom) && (validUntil == null || time.isBefore(validUntil));
    }

    /** True when the period has ended at {@code time}: nothing granted now could ever be in force. */
    public static boolean endedBy(final String validUntil, final Instant time) {
        return validUntil != null && !time.isBefore(Instant.parse(validUntil));
    }
}
