package io.custodia.gateway.store;

import io.custodia.canonical.Hashes;
import java.time.Instant;
import java.util.Optional;

/**
 * The stored outcome of a request made with an {@code Idempotency-Key}: a retry with the same key
 * and the same request hash replays this response instead of acting twice.
 *
 * @param subjectRef the subject the request concerned, if any, so that erasure also deletes the
 *     stored response (which might describe that subject); may be {@code null}
 */
public record IdempotencyRecord(String key, String requestHash, int responseStatus, byte[] responseBody,
        String subjectRef, Instant createdAt) {
    /** Validates and defensively copies. */
    public IdempotencyRecord {
        Checks.nonBlank(key, "key");
        if (key.length() > 200) {
            throw new IllegalArgumentException("key must be at most 200 characters");
        }
        if (!Hashes.isSha256Hex(requestHash)) {
            throw new IllegalArgumentException("requestHash must be a lower-case hex SHA-256");
        }
        if (responseStatus < 100 || responseStatus > 599) {
            throw new IllegalArgumentException("responseStatus must be an HTTP status");
        }
        responseBody = Checks.notNull(responseBody, "responseBody").clone();
        if (subjectRef != null) {
            Checks.subjectRef(subjectRef);
        }
        createdAt = Instant.ofEpochMilli(Checks.notNull(createdAt, "createdAt").toEpochMilli());
    }

    /** A copy of the response body. */
    @Override
    public byte[] responseBody() {
        return responseBody.clone();
    }

    /** The subject the request concerned. */
    public Optional<String> subject() {
        return Optional.ofNullable(subjectRef);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof IdempotencyRecord r && r.key.equals(key) && r.requestHash.equals(requestHash)
                && r.responseStatus == responseStatus && java.util.Arrays.equals(r.responseBody, responseBody)
                && java.util.Objects.equals(r.subjectRef, subjectRef) && r.createdAt.equals(createdAt);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "IdempotencyRecord[" + key + ", status=" + responseStatus + "]";
    }
}
