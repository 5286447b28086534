package io.custodia.sdk.client;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The optional {@code Idempotency-Key} header of a write: a retry with the same key and body replays
 * the first answer instead of writing twice, and IDs the caller left out are derived from the key.
 *
 * <pre>{@code
 * IdempotencyKey key = IdempotencyKey.random();
 * client.access().request(request, key); // safe to repeat with the same key after a timeout
 * }</pre>
 */
public final class IdempotencyKey {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
    private static final IdempotencyKey NONE = new IdempotencyKey(null);

    private final String value;

    private IdempotencyKey(final String value) {
        this.value = value;
    }

    /** A key the caller chose: 8–128 characters of {@code [A-Za-z0-9._:-]}. */
    public static IdempotencyKey of(final String value) {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("an idempotency key is 8-128 characters of A-Z a-z 0-9 . _ : -");
        }
        return new IdempotencyKey(value);
    }

    /** A fresh random key. */
    public static IdempotencyKey random() {
        return new IdempotencyKey(UUID.randomUUID().toString());
    }

    /** No header: the write is not deduplicated. */
    public static IdempotencyKey none() {
        return NONE;
    }

    /** The header value, empty for {@link #none()}. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    @Override
    public String toString() {
        return value == null ? "IdempotencyKey[none]" : "IdempotencyKey[" + value + "]";
    }
}
