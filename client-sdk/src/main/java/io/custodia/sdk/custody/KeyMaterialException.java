package io.custodia.sdk.custody;

/**
 * A private key or certificate could not be loaded or used: unreadable file, wrong PEM type, not EC
 * P-256, encrypted, or a key that does not belong to the certificate.
 *
 * <pre>{@code
 * try { CustodyHopSigner.fromPemFiles(key, cert); } catch (KeyMaterialException e) { fail(e.getMessage()); }
 * }</pre>
 */
public final class KeyMaterialException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyMaterialException(final String message) {
        super(message);
    }

    public KeyMaterialException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
