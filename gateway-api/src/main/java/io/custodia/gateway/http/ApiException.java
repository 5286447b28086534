package io.custodia.gateway.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request that cannot be served, with the HTTP status and the RFC 9457 problem it becomes.
 * Handlers throw it; {@link ErrorMapper} is the only place that turns it into a response.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final transient List<FieldError> fieldErrors;
    private final transient Map<String, Object> extensions;

    public ApiException(final int status, final String type, final String title, final String detail,
            final List<FieldError> fieldErrors, final Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.fieldErrors = List.copyOf(fieldErrors);
        this.extensions = Map.copyOf(extensions);
    }

    public static ApiException badRequest(final List<FieldError> errors) {
        return new ApiException(400, "invalid-request", "The request is invalid",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " fields are invalid",
                errors, Map.of());
    }

    public static ApiException badRequest(final String field, final String message) {
        return badRequest(List.of(new FieldError(field, message)));
    }

    public static ApiException unauthorized(final String detail) {
        return new ApiException(401, "unauthenticated", "Authentication required", detail, List.of(), Map.of());
    }

    public static ApiException forbidden(final String detail) {
        return new ApiException(403, "forbidden", "Not allowed for this role", detail, List.of(), Map.of());
    }

    /**
     * The one not-found answer, for missing and foreign objects alike and whoever decided it (the
     * ledger or the gateway): the same status, type, title and detail, so the answer never tells
     * whether an object exists. The request path ({@code instance}) says what was looked for.
     */
    public static ApiException notFound() {
        return new ApiException(404, "not-found", "Not found", "the object was not found", List.of(), Map.of());
    }

    public static ApiException conflict(final String type, final String detail) {
        return new ApiException(409, type, "Conflict", detail, List.of(), Map.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** One invalid input field: a JSON path or parameter name, and what is wrong with it. */
    public record FieldError(String field, String message) {}
}
