package io.custodia.sdk.client;

/**
 * Any failure of a {@link CustodiaClient} call. Checked, because a network service can always fail and
 * the caller has to decide what that means.
 *
 * <pre>{@code
 * try {
 *     client.ledger().status();
 * } catch (CustodiaApiException e) {
 *     System.err.println(e.status() + " " + e.problem().title());
 * } catch (CustodiaException e) {
 *     System.err.println("gateway unreachable: " + e.getMessage());
 * }
 * }</pre>
 */
public abstract class CustodiaException extends Exception {
    private static final long serialVersionUID = 1L;

    protected CustodiaException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
