package io.custodia.gateway.http;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.gateway.auth.KeysUnavailableException;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP responses: RFC 9457 problem details with field errors.
 *
 * <p>Chaincode error codes map to statuses here and nowhere else. Foreign objects (NOT_OWNER) answer
 * 404 like missing ones, so a caller cannot probe for other institutions' objects.
 */
public final class ErrorMapper {
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    public static void install(final Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> write(ctx, e));
        app.exception(ValidationException.class, (e, ctx) -> write(ctx, fromValidation(e)));
        app.exception(InvalidJsonException.class, (e, ctx) -> write(ctx, ApiException.badRequest(e.field(), e.reason())));
        app.exception(JsonProcessingException.class, (e, ctx) -> write(ctx, fromJson(e)));
        app.exception(LedgerException.class, (e, ctx) -> write(ctx, fromLedger(e)));
        app.exception(KeysUnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
            write(ctx, fromKeysUnavailable());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, new ApiException(
                e.getStatus(), e.getStatus() == 413 ? "body-too-large" : "http-" + e.getStatus(),
                e.getMessage(), e.getMessage(), List.of(), Map.of())));
        app.exception(Exception.class, (e, ctx) -> {
            final String incident = UUID.randomUUID().toString();
            if (StoreException.isStorageFull(e)) {
                // Store messages name the operation and SQLSTATE only, never a row's values.
                LOG.error("off-chain store out of disk space, incident {}", incident, e);
                write(ctx, new ApiException(507, "storage-full", "Insufficient storage",
                        "the gateway's off-chain store has no disk space left, so the request did not complete; retry it (with the same Idempotency-Key) once space is freed",
                        List.of(), Map.of("incident", incident, "retryable", true)));
                return;
            }
            LOG.error("unhandled error, incident {}", incident, e);
            write(ctx, new ApiException(500, "internal", "Internal error",
                    "an internal error occurred; incident " + incident, List.of(), Map.of("incident", incident)));
        });
    }

    /** Maps a ledger failure; exposed for handlers that need to decide before answering. */
    public static ApiException fromLedger(final LedgerException e) {
        if (e instanceof LedgerException.Rejected rejected) {
            return fromChaincode(rejected.code(), rejected.getMessage());
        }
        if (e instanceof LedgerException.Invalidated invalidated) {
            return new ApiException(409, "ledger-conflict", "Conflicting concurrent transaction",
                    "the transaction lost a concurrent update (" + invalidated.validationCode() + "); it wrote nothing and is safe to retry",
                    List.of(), Map.of("txId", invalidated.txId(), "retryable", true));
        }
        if (e instanceof LedgerException.CommitPending pending) {
            return new ApiException(202, "commit-pending", "Accepted, commit pending", pending.getMessage(),
                    List.of(), Map.of("txId", pending.txId()));
        }
        return new ApiException(503, "ledger-unavailable", "Ledger unavailable", "the ledger cannot be reached; retry later",
                List.of(), Map.of());
    }

    /**
     * 503, not 401: the token was not found wanting, it could not be checked at all. A 401 would make
     * clients throw away good tokens and send their users through login again during an outage.
     */
    static ApiException fromKeysUnavailable() {
        return new ApiException(503, "identity-provider-unavailable", "Identity provider keys unavailable",
                "the identity provider's signing keys cannot be fetched, so the token cannot be checked; retry later",
                List.of(), Map.of());
    }

    static ApiException fromChaincode(final String code, final String message) {
        final String detail = message == null ? code : message;
        switch (code) {
            case "INVALID_ARGUMENT":
                final int colon = detail.indexOf(": ");
                return colon > 0
                        ? ApiException.badRequest(detail.substring(0, colon), detail.substring(colon + 2))
                        : ApiException.badRequest("$", detail);
            case "NOT_FOUND":
            case "NOT_OWNER":
                return new ApiException(404, "not-found", "Not found", "the object was not found", List.of(), Map.of());
            case "ROLE_FORBIDDEN":
                return ApiException.forbidden(detail);
            case "ALREADY_EXISTS":
                return ApiException.conflict("already-exists", detail);
            default:
                // Business-rule refusals (withdrawn dataset, broken custody chain, invalid delegation, ...).
                return new ApiException(409, code.toLowerCase().replace('_', '-'), "Refused by the ledger's rules", detail,
                        List.of(), Map.of("code", code));
        }
    }

    private static ApiException fromValidation(final ValidationException e) {
        final List<ApiException.FieldError> errors = new ArrayList<>();
        e.getErrors().forEach((field, list) -> list.forEach(err -> errors.add(new ApiException.FieldError(field, err.getMessage()))));
        return ApiException.badRequest(errors);
    }

    private static ApiException fromJson(final JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            final String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("$");
            return ApiException.badRequest(field, "has the wrong type or shape");
        }
        return ApiException.badRequest("$", "the body is not valid JSON");
    }

    private static void write(final Context ctx, final ApiException e) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + e.type());
        body.put("title", e.title());
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        body.put("instance", ctx.path());
        if (!e.fieldErrors().isEmpty()) {
            body.put("errors", e.fieldErrors());
        }
        body.putAll(e.extensions());
        ctx.status(e.status()).contentType(PROBLEM_JSON).json(body);
        // json() sets application/json; RFC 9457 wants its own media type.
        ctx.contentType(PROBLEM_JSON);
    }
}
