package io.custodia.sdk.manifest;

/**
 * A manifest document that is not a valid {@code sha256-merkle-v1} manifest: malformed JSON, a bad
 * entry, paths out of order, or a root that does not match its entries.
 *
 * <pre>{@code
 * try { Manifest.parse(bytes); } catch (ManifestFormatException e) { show(e.getMessage()); }
 * }</pre>
 */
public final class ManifestFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ManifestFormatException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
