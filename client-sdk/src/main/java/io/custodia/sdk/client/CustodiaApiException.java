package io.custodia.sdk.client;

import java.util.Objects;
import java.util.Optional;

/**
 * The gateway answered with an HTTP error. Carries the status, the RFC 9457 {@link Problem} (with field
 * errors on a 400) and, when the gateway reported one, the ledger transaction ID. Subclasses name the
 * common statuses so callers can catch what they handle; any other status arrives as this class.
 *
 * <pre>{@code
 * try {
 *     client.datasets().register(registration);
 * } catch (InvalidRequestException e) {
 *     e.problem().errors().forEach(f -> System.err.println(f.field() + ": " + f.message()));
 * } catch (CustodiaApiException e) {
 *     System.err.println(e.status() + " " + e.problem().detail() + e.transactionId().map(t -> " tx " + t).orElse(""));
 * }
 * }</pre>
 */
public class CustodiaApiException extends CustodiaException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Problem problem;

    public CustodiaApiException(final int status, final Problem problem) {
        super(describe(status, problem), null);
        this.status = status;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String describe(final int status, final Problem problem) {
        final StringBuilder text = new StringBuilder().append("HTTP ").append(status).append(' ').append(problem.title());
        if (!problem.detail().isEmpty() && !problem.detail().equals(problem.title())) {
            text.append(": ").append(problem.detail());
        }
        for (final FieldError error : problem.errors()) {
            if (problem.errors().size() > 1 || !problem.detail().contains(error.message())) {
                text.append("\n  ").append(error.field()).append(": ").append(error.message());
            }
        }
        return text.toString();
    }

    /** HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** Problem details (built from the status alone when the body was not a problem document). */
    public Problem problem() {
        return problem;
    }

    /** The ledger transaction the failure concerns ({@code txId} member), when reported. */
    public Optional<String> transactionId() {
        return problem.extension("txId");
    }

    /** Whether the gateway says a retry can succeed (ledger conflicts, rate limits, unavailability). */
    public boolean retryable() {
        return status == 429 || status == 503 || "true".equals(problem.extension("retryable").orElse(""));
    }
}
