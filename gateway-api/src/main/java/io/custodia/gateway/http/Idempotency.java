package io.custodia.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.store.IdempotencyOutcome;
import io.custodia.gateway.store.IdempotencyRecord;
import io.custodia.gateway.store.IdempotencyRecords;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes writes safe to retry. With an {@code Idempotency-Key} header, the first successful response
 * is stored (scoped to the caller) and a retry with the same key and body gets the same response
 * without acting again; the same key with a different body is a 422. Failed responses are not stored,
 * so a retry after a failure acts again — a failed request wrote nothing.
 *
 * <p>The key also seeds IDs the gateway chooses for the caller ({@link #derivedId}), so a retry whose
 * first attempt committed on the ledger but lost its response gets ALREADY_EXISTS for the same ID
 * rather than creating a second object.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    private final IdempotencyRecords records;
    private final ObjectMapper json;
    private final Clock clock;

    public Idempotency(final IdempotencyRecords records, final ObjectMapper json, final Clock clock) {
        this.records = records;
        this.json = json;
        this.clock = clock;
    }

    /** A response to send: status and JSON body. */
    public record Outcome(int status, Object body) {}

    /** What a write produces, possibly throwing an {@link ApiException} or ledger failure. */
    @FunctionalInterface
    public interface Action {
        Outcome run() throws Exception;
    }

    /**
     * Runs {@code action} at most once per idempotency key and writes its response.
     *
     * @param subjectRef the subject the request concerns (so erasure also removes the stored response), or null
     */
    public void respond(final Context ctx, final Principal principal, final String subjectRef, final Action action) throws Exception {
        final Optional<String> key = key(ctx);
        if (key.isEmpty()) {
            final Outcome outcome = action.run();
            ctx.status(outcome.status()).json(outcome.body());
            return;
        }
        final String scopedKey = scopedKey(principal, key.get());
        final String requestHash = Hashes.sha256Hex(ctx.method().name() + " " + ctx.path() + "\n" + ctx.body());
        final Optional<IdempotencyRecord> previous = records.find(scopedKey);
        if (previous.isPresent()) {
            replayOrRefuse(ctx, previous.get(), requestHash);
            return;
        }
        final Outcome outcome = action.run();
        final byte[] body = json.writeValueAsBytes(outcome.body());
        final IdempotencyOutcome saved = records.saveIfAbsent(
                new IdempotencyRecord(scopedKey, requestHash, outcome.status(), body, subjectRef, clock.instant()));
        if (saved.kind() == IdempotencyOutcome.Kind.STORED) {
            ctx.status(outcome.status()).contentType("application/json").result(body);
        } else {
            // A concurrent retry with the same key finished first: answer what it answered.
            replayOrRefuse(ctx, saved.record(), requestHash);
        }
    }

    /** Turns a stored, replayable body into the response body (see {@link #respondRendered}). */
    @FunctionalInterface
    public interface Renderer {
        /**
         * @param storedBody the outcome body stored under the request's key; {@code null} when the
         *     request has no key (the action ran in this call and nothing was stored: the renderer
         *     answers from what the action returned)
         */
        Object render(byte[] storedBody) throws Exception;
    }

    /**
     * As {@link #respond}, for writes whose response holds personal data that must not be stored in
     * clear (the access flow's item pointers): the action's outcome body is what is stored and
     * replayed, and {@code renderer} builds the actual response from it every time, on the first
     * answer and on every replay — so a replay also sees erasures that happened in between.
     */
    public void respondRendered(final Context ctx, final Principal principal, final String subjectRef, final Action action,
            final Renderer renderer) throws Exception {
        final Optional<String> key = key(ctx);
        if (key.isEmpty()) {
            // Nothing to store, so nothing to encode: a PERMIT's decision is ~8 KB of JSON.
            final Outcome outcome = action.run();
            ctx.status(outcome.status()).json(renderer.render(null));
            return;
        }
        final String scopedKey = scopedKey(principal, key.get());
        final String requestHash = Hashes.sha256Hex(ctx.method().name() + " " + ctx.path() + "\n" + ctx.body());
        Optional<IdempotencyRecord> previous = records.find(scopedKey);
        boolean replayed = previous.isPresent();
        if (previous.isEmpty()) {
            final Outcome outcome = action.run();
            final IdempotencyOutcome saved = records.saveIfAbsent(new IdempotencyRecord(scopedKey, requestHash,
                    outcome.status(), json.writeValueAsBytes(outcome.body()), subjectRef, clock.instant()));
            previous = Optional.of(saved.record());
            replayed = saved.kind() != IdempotencyOutcome.Kind.STORED;
        }
        final IdempotencyRecord record = previous.get();
        if (!record.requestHash().equals(requestHash)) {
            throw new ApiException(422, "idempotency-key-reused", "Idempotency key reused",
                    "this Idempotency-Key was used for a different request", java.util.List.of(), java.util.Map.of());
        }
        if (replayed) {
            ctx.header("Idempotent-Replayed", "true");
        }
        ctx.status(record.responseStatus()).json(renderer.render(record.responseBody()));
    }

    /**
     * An object ID derived from the idempotency key (stable across retries), or {@code fallback} when
     * the request has no key.
     */
    public String derivedId(final Context ctx, final Principal principal, final String prefix, final java.util.function.Supplier<String> fallback) {
        return key(ctx)
                .map(k -> prefix + Hashes.sha256Hex(scopedKey(principal, k)).substring(0, 32))
                .orElseGet(fallback);
    }

    private void replayOrRefuse(final Context ctx, final IdempotencyRecord record, final String requestHash) {
        if (!record.requestHash().equals(requestHash)) {
            throw new ApiException(422, "idempotency-key-reused", "Idempotency key reused",
                    "this Idempotency-Key was used for a different request", java.util.List.of(), java.util.Map.of());
        }
        ctx.status(record.responseStatus()).contentType("application/json").header("Idempotent-Replayed", "true")
                .result(record.responseBody());
    }

    private static Optional<String> key(final Context ctx) {
        final String key = ctx.header(HEADER);
        if (key == null) {
            return Optional.empty();
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest(HEADER, "must be 8 to 128 characters of letters, digits and . _ : -");
        }
        return Optional.of(key);
    }

    private static String scopedKey(final Principal principal, final String key) {
        // Hash the caller's subject in, so keys never collide across callers and no identifier is stored.
        return Hashes.sha256Hex((principal.role().claim() + "\n" + principal.institution() + "\n" + principal.subject() + "\n" + key)
                .getBytes(StandardCharsets.UTF_8));
    }
}
