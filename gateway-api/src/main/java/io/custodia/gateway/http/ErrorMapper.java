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
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HttpStatus;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
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
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromHttp(e, ctx)));
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

    /**
     * Javalin's own refusals (404 no such endpoint, 405 wrong method, 413 body too large, ...). The
     * detail names the request line; a method Javalin does not know at all is called "unknown" rather
     * than its internal {@code INVALID}.
     */
    private static ApiException fromHttp(final HttpResponseException e, final Context ctx) {
        final int status = e.getStatus();
        final String reason = HttpStatus.forStatus(status).getMessage();
        final String method = ctx.req().getMethod();
        switch (status) {
            case 404:
                // Its own type, apart from the API's not-found: clients tell a missing route (an older gateway) from a missing object.
                return new ApiException(404, "http-404", "No such endpoint", "no endpoint " + method + " " + ctx.path(), List.of(), Map.of());
            case 405:
                final List<String> allowed = e.getDetails().values().stream()
                        .flatMap(v -> List.of(v.split(",")).stream()).map(String::trim).filter(m -> !m.isEmpty()).toList();
                if (!allowed.isEmpty()) {
                    ctx.header("Allow", String.join(", ", allowed));
                }
                return new ApiException(405, "method-not-allowed", "Method not allowed",
                        "method " + method + " is not allowed on " + ctx.path() + (allowed.isEmpty() ? "" : "; allowed: " + String.join(", ", allowed)),
                        List.of(), Map.of());
            case 413:
                return new ApiException(413, "body-too-large", "Content too large",
                        "request bodies are limited to " + GatewayApp.MAX_BODY_BYTES + " bytes", List.of(), Map.of());
            default:
                return new ApiException(status, "http-" + status, reason, e.getMessage(), List.of(), Map.of());
        }
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
        if (e instanceof LedgerException.StorageUnavailable storage) {
            // Nothing was committed; reads still work. No path or errno: the gateway logs those once.
            return storage.full()
                    ? new ApiException(507, "ledger-storage-full", "Insufficient storage", "the ledger's disk is full: the transaction"
                            + " was not committed; reads still work; retry once space is freed", List.of(), Map.of("retryable", true))
                    : new ApiException(503, "ledger-storage-unavailable", "Ledger storage unavailable", "the ledger cannot write to its"
                            + " disk: the transaction was not committed; reads still work; retry later", List.of(), Map.of("retryable", true));
        }
        final String reason = e instanceof LedgerException.Unavailable unavailable ? unavailable.reason().orElse(null) : null;
        return new ApiException(503, "ledger-unavailable", "Ledger unavailable",
                reason == null ? "the ledger cannot be reached; retry later" : reason + "; retry later",
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
                return ApiException.notFound();
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
        ctx.status(e.status()).contentType(PROBLEM_JSON).json(problem(e, ctx.path()));
        // json() sets application/json; RFC 9457 wants its own media type.
        ctx.contentType(PROBLEM_JSON);
    }

    /** The RFC 9457 document of {@code e}; {@code instance} is the request path when there is one. */
    private static Map<String, Object> problem(final ApiException e, final String instance) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + e.type());
        body.put("title", e.title());
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        if (instance != null) {
            body.put("instance", instance);
        }
        if (!e.fieldErrors().isEmpty()) {
            body.put("errors", e.fieldErrors());
        }
        body.putAll(e.extensions());
        return body;
    }

    /**
     * Problem details for what Jetty refuses before Javalin sees the request: 400 (a malformed request
     * line, a NUL or other bad escape in the path), 413, 414 (URI too long), 431 (headers too large),
     * and errors raised outside Javalin's servlet. Installed as the server's error handler.
     */
    static final class JettyErrors extends ErrorHandler {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public ByteBuffer badMessageError(final int status, final String reason, final HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
            HttpHardening.HEADERS.forEach(fields::put);
            fields.put("Content-Security-Policy", HttpHardening.API_CSP);
            return ByteBuffer.wrap(body(status, reason, null));
        }

        @Override
        public void handle(final String target, final Request baseRequest, final HttpServletRequest request,
                final HttpServletResponse response) throws IOException {
            baseRequest.setHandled(true);
            final Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            response.setContentType(PROBLEM_JSON);
            HttpHardening.secure(response, request.getRequestURI());
            response.getOutputStream().write(body(response.getStatus(), message == null ? null : message.toString(), request.getRequestURI()));
        }

        private static byte[] body(final int status, final String reason, final String instance) {
            final String title = org.eclipse.jetty.http.HttpStatus.getMessage(status);
            // Jetty's reasons are fixed phrases ("URI Too Long", "Illegal character ..."), never request data echoed back.
            final ApiException e = new ApiException(status, status == 414 ? "uri-too-long" : status == 431 ? "headers-too-large"
                    : status == 413 ? "body-too-large" : status == 400 ? "bad-request" : "http-" + status,
                    title, reason == null || reason.isBlank() ? title : reason, List.of(), Map.of());
            try {
                return JSON.writeValueAsBytes(problem(e, instance));
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
