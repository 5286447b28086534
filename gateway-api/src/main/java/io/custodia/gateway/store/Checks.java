package io.custodia.gateway.store;

import io.custodia.canonical.Pseudonyms;
import java.util.Objects;

/** Argument checks whose messages name the argument, never its value (values may be personal). */
final class Checks {
    private Checks() {}

    static <T> T notNull(final T value, final String name) {
        return Objects.requireNonNull(value, name);
    }

    static String nonBlank(final String value, final String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static String subjectRef(final String value) {
        Objects.requireNonNull(value, "subjectRef");
        if (!Pseudonyms.isSubjectRef(value)) {
            throw new IllegalArgumentException("subjectRef must be 64 lower-case hex digits");
        }
        return value;
    }

    static int positive(final int value, final String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }
}
