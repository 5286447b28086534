package io.custodia.sdk.commitments;

/**
 * The subject-mapping CSV is malformed or inconsistent with the manifest. Messages name the line and
 * the file path, never the patient identifier.
 *
 * <pre>{@code
 * try { SubjectMapping.read(csv); } catch (MappingFormatException e) { fail(e.getMessage()); }
 * }</pre>
 */
public final class MappingFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public MappingFormatException(final String message) {
        super(message);
    }

    public MappingFormatException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
