package io.custodia.gateway.transparency;

import io.custodia.canonical.MerkleTree;
import io.custodia.canonical.NoteKey;
import io.custodia.canonical.SignedNote;
import io.custodia.chaincode.support.Fields;
import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.ledger.Callers;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.ProblemDocument;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /api/v1/log/*}: the signed checkpoint, inclusion and consistency proofs, leaf entries, the
 * log's verifier key, and witnesses' cosignatures (formats: docs/transparency.md). All need a token of
 * an auditor or an institution; checkpoint, key and proofs reveal only hashes, entries only IDs and
 * hashes, and entries are for auditors.
 */
public final class TransparencyRoutes {
    /** Entries one request returns at most. */
    public static final int MAX_ENTRIES = 1000;

    /** Lookup parameter → (leaf type, chaincode function that answers NOT_FOUND to callers who may not see the object). */
    private static final Map<String, String[]> BY_ID = Map.of(
            "eventId", new String[] {"access-event", "access:GetAccessEvent"},
            "receiptId", new String[] {"erasure-receipt", "erasures:GetErasureReceipt"});

    private final TransparencyLog log;
    private final LedgerClient ledger;
    private final AuthRules auth;
    private final Supplier<List<NoteKey>> witnesses;

    public TransparencyRoutes(final TransparencyLog log, final LedgerClient ledger, final AuthRules auth,
            final Supplier<List<NoteKey>> witnesses) {
        this.log = log;
        this.ledger = ledger;
        this.auth = auth;
        this.witnesses = witnesses;
    }

    public void register(final Javalin app) {
        app.get("/api/v1/log/checkpoint", this::checkpoint);
        app.get("/api/v1/log/key", this::key);
        app.get("/api/v1/log/proof/inclusion", this::inclusion);
        app.get("/api/v1/log/proof/consistency", this::consistency);
        app.get("/api/v1/log/entries", this::entries);
        app.post("/api/v1/log/cosignatures", this::cosign);
    }

    @OpenApi(path = "/api/v1/log/checkpoint", methods = HttpMethod.GET, summary = "The log's latest signed checkpoint (C2SP signed note), with the cosignatures received for it", tags = "Transparency", security = @OpenApiSecurity(name = "BearerAuth"), responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "text/plain")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void checkpoint(final Context ctx) {
        auth.requireAuditorOrInstitution(ctx);
        ctx.contentType("text/plain; charset=utf-8").result(log.checkpoint().toString());
    }

    @OpenApi(path = "/api/v1/log/key", methods = HttpMethod.GET, summary = "The log's verifier key and origin", tags = "Transparency", security = @OpenApiSecurity(name = "BearerAuth"), responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void key(final Context ctx) {
        auth.requireAuditorOrInstitution(ctx);
        final String vkey = log.verifierKey();
        ctx.json(Map.of("verifierKey", vkey, "origin", vkey.substring(0, vkey.indexOf('+'))));
    }

    @OpenApi(path = "/api/v1/log/proof/inclusion", methods = HttpMethod.GET, summary = "RFC 6962 audit path of a leaf in the tree of a given size", tags = "Transparency", security = @OpenApiSecurity(name = "BearerAuth"), queryParams = {@OpenApiParam(name = "leafIndex"), @OpenApiParam(name = "eventId"), @OpenApiParam(name = "receiptId"), @OpenApiParam(name = "treeSize", required = true)}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void inclusion(final Context ctx) throws LedgerException {
        final Principal principal = auth.requireAuditorOrInstitution(ctx);
        final long size = log.size();
        final long treeSize = longParam(ctx, "treeSize", 1, size);
        final List<String> given = new ArrayList<>();
        for (final String name : List.of("leafIndex", "eventId", "receiptId")) {
            if (ctx.queryParam(name) != null) {
                given.add(name);
            }
        }
        if (given.size() != 1) {
            throw ApiException.badRequest(given.isEmpty() ? "leafIndex|eventId|receiptId" : String.join("|", given),
                    "give exactly one of leafIndex, eventId, receiptId");
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        final long leafIndex;
        if (given.get(0).equals("leafIndex")) {
            leafIndex = longParam(ctx, "leafIndex", 0, treeSize - 1);
        } else {
            final String field = given.get(0);
            final String id = ctx.queryParam(field);
            if (!Fields.ID.matcher(id).matches()) {
                throw ApiException.badRequest(field, "must be an identifier of letters, digits and . _ : -");
            }
            // Same visibility as the object itself: NOT_FOUND for a caller who may not read it.
            ledger.evaluate(Callers.of(principal), BY_ID.get(field)[1], id);
            leafIndex = log.find(BY_ID.get(field)[0], id).orElse(-1);
            if (leafIndex < 0 || leafIndex >= treeSize) {
                throw ApiException.notFound();
            }
            body.put("leaf", base64(log.entry(leafIndex).bytes()));
        }
        body.put("leafIndex", leafIndex);
        body.put("treeSize", treeSize);
        body.put("leafHash", base64(MerkleTree.leafHash(log.entry(leafIndex).bytes())));
        body.put("proof", base64(log.inclusionProof(leafIndex, treeSize)));
        ctx.json(body);
    }

    @OpenApi(path = "/api/v1/log/proof/consistency", methods = HttpMethod.GET, summary = "RFC 6962 consistency proof between two tree sizes", tags = "Transparency", security = @OpenApiSecurity(name = "BearerAuth"), queryParams = {@OpenApiParam(name = "from", required = true), @OpenApiParam(name = "to", required = true)}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void consistency(final Context ctx) {
        auth.requireAuditorOrInstitution(ctx);
        final long size = log.size();
        final long to = longParam(ctx, "to", 0, size);
        final long from = longParam(ctx, "from", 0, to);
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("proof", base64(log.consistencyProof(from, to)));
        ctx.json(body);
    }

    @OpenApi(path = "/api/v1/log/entries", methods = HttpMethod.GET, summary = "Leaf entries [start, end) (auditors)", tags = "Transparency", security = @OpenApiSecurity(name = "BearerAuth"), queryParams = {@OpenApiParam(name = "start", required = true), @OpenApiParam(name = "end", required = true)}, responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void entries(final Context ctx) {
        auth.requireAuditor(ctx);
        final long size = log.size();
        final long start = longParam(ctx, "start", 0, size);
        final long end = longParam(ctx, "end", start, Math.min(size, start + MAX_ENTRIES));
        final List<Map<String, Object>> entries = new ArrayList<>();
        for (long i = start; i < end; i++) {
            final Map<String, Object> row = new LinkedHashMap<>();
            final LogEntry entry = log.entry(i);
            row.put("leafIndex", i);
            row.put("leaf", base64(entry.bytes()));
            row.put("entry", entry);
            entries.add(row);
        }
        ctx.json(Map.of("start", start, "end", end, "entries", entries));
    }

    @OpenApi(path = "/api/v1/log/cosignatures", methods = HttpMethod.POST, summary = "Hand in a witness-cosigned checkpoint (signed note); cosignatures of trusted witnesses are kept", tags = "Transparency", security = @OpenApiSecurity(name = "BearerAuth"), requestBody = @OpenApiRequestBody(content = @OpenApiContent(type = "text/plain")), responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")), @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")), @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    void cosign(final Context ctx) {
        auth.requireAuditorOrInstitution(ctx);
        final SignedNote note;
        try {
            note = SignedNote.parse(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("body", e.getMessage());
        }
        final int added;
        try {
            added = log.addCosignatures(note, witnesses.get());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("body", e.getMessage());
        }
        if (added == 0 && witnesses.get().stream().noneMatch(w -> note.cosignedBy(w).isPresent())) {
            throw ApiException.badRequest("body", "no valid cosignature of a witness this gateway trusts");
        }
        ctx.json(Map.of("added", added));
    }

    private static long longParam(final Context ctx, final String name, final long min, final long max) {
        final String text = ctx.queryParam(name);
        if (text == null) {
            throw ApiException.badRequest(name, "is required");
        }
        final long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "must be a whole number");
        }
        if (value < min || value > max) {
            throw ApiException.badRequest(name, "must be between " + min + " and " + max);
        }
        return value;
    }

    private static String base64(final byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }

    private static List<String> base64(final List<byte[]> hashes) {
        return hashes.stream().map(TransparencyRoutes::base64).toList();
    }
}
