package io.custodia.canonical;

/** A JSON document that does not fit the expected shape, with the path of the offending member. */
public final class InvalidJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public InvalidJsonException(final String field, final String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** JSON path of the offending member, {@code $} for the whole document. */
    public String field() {
        return field;
    }

    /** Why the member was rejected, without the path. */
    public String reason() {
        return reason;
    }
}
