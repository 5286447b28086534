package io.custodia.sdk.client;

import java.util.Objects;

/**
 * One invalid input field named by a problem: a JSON path such as {@code dataset.contentHash.root}, or a
 * parameter name, and what is wrong with it.
 *
 * <pre>{@code
 * e.problem().errors().forEach(f -> System.err.println(f.field() + ": " + f.message()));
 * }</pre>
 *
 * @param field JSON path or parameter name
 * @param message what is wrong
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
