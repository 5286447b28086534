package io.custodia.sdk.verify;

import java.util.Objects;

/**
 * The first hop of a custody chain that fails verification, and why.
 *
 * <pre>{@code
 * result.firstBadHop().ifPresent(b -> System.out.println(b.describe()));
 * }</pre>
 *
 * @param index zero-based position in the list given to the verifier
 * @param sequence the sequence number the hop states
 * @param reason which check failed
 * @param detail what was found against what was expected
 */
public record BadHop(int index, long sequence, Reason reason, String detail) {
    /** Which check a hop failed, in the order they are applied. */
    public enum Reason {
        /** The sender certificate is not a parseable EC P-256 X.509 certificate. */
        BAD_CERTIFICATE,
        /** The signature is not valid base64 or does not verify over the statement's signing bytes. */
        BAD_SIGNATURE,
        /** The hop names a different dataset from the first hop. */
        WRONG_DATASET,
        /** The sequence number is not the previous one plus one (or not the first sequence number). */
        BAD_SEQUENCE,
        /** {@code previousHopHash} is not the previous hop's hash (or not empty on the first hop). */
        BROKEN_LINK,
        /** The content hash changed although the action is not {@code DERIVE}. */
        CONTENT_DISCONTINUITY
    }

    public BadHop {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    public String describe() {
        return "hop " + index + " (sequence " + sequence + ") is bad: " + reason + ": " + detail;
    }
}
