package io.custodia.sdk.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * RFC 9457 problem details from an error answer: {@code type} (e.g. {@code /problems/forbidden}),
 * {@code title}, {@code status}, {@code detail}, {@code instance}, field errors for 400s, and any
 * extension members (e.g. {@code txId}, {@code retryable}, {@code code}).
 *
 * <pre>{@code
 * Problem p = e.problem();
 * if (p.slug().equals("ledger-conflict")) retry();
 * }</pre>
 *
 * @param type problem type URI reference
 * @param title short summary of the type
 * @param status HTTP status the gateway put in the body
 * @param detail this occurrence, in words
 * @param instance request path
 * @param errors invalid fields (400), else empty
 * @param extensions other members, as JSON values (strings, numbers, booleans, lists, maps)
 */
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors, Map<String, Object> extensions) {
    public Problem {
        Objects.requireNonNull(type, "type");
        title = title == null ? "" : title;
        detail = detail == null ? "" : detail;
        instance = instance == null ? "" : instance;
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** The last segment of {@code type}: {@code forbidden}, {@code ledger-conflict}, {@code state-conflict}, ... */
    public String slug() {
        final int slash = type.lastIndexOf('/');
        return slash < 0 ? type : type.substring(slash + 1);
    }

    /** A string extension member, such as {@code txId}. */
    public Optional<String> extension(final String name) {
        final Object value = extensions.get(name);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }
}
