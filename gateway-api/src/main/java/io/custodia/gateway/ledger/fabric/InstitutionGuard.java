package io.custodia.gateway.ledger.fabric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.http.ApiException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * In fabric mode a gateway belongs to one institution: it holds only that institution's keys, and its
 * off-chain store holds only that institution's pointers and subject registry. Every {@code /api/v1}
 * request whose token names another institution is refused with 403 before any handler runs, so a
 * token minted for Org2 can neither submit as Org1 nor read Org1's off-chain data through Org1's gateway.
 */
public final class InstitutionGuard {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String mspId;

    private InstitutionGuard(final String mspId) {
        this.mspId = mspId;
    }

    /**
     * Registers the guard after authentication (Javalin runs before-handlers in registration order), and
     * the same rule for development tokens: {@code POST /dev/tokens} issues tokens for this institution
     * only (400 on {@code institution} otherwise), as any other token would be refused here anyway.
     */
    public static void install(final Javalin app, final String mspId) {
        final InstitutionGuard guard = new InstitutionGuard(mspId);
        app.before("/api/v1/*", guard::check);
        app.before("/dev/tokens", guard::checkTokenRequest);
    }

    void checkTokenRequest(final Context ctx) {
        if (!"POST".equals(ctx.method().name())) {
            return;
        }
        final JsonNode institution;
        try {
            institution = JSON.readTree(ctx.body()).path("institution");
        } catch (IOException e) {
            return; // not JSON: the handler answers 400 for the body itself
        }
        if (institution.isTextual() && !institution.asText().equals(mspId)) {
            throw ApiException.badRequest("institution", "this gateway serves " + mspId
                    + " only; ask the gateway of " + institution.asText() + " for its tokens");
        }
    }

    void check(final Context ctx) {
        final Principal principal = AuthRules.principal(ctx);
        if (!principal.institution().equals(mspId)) {
            throw ApiException.forbidden("this gateway serves institution " + mspId
                    + " only; callers of " + principal.institution() + " use their own institution's gateway");
        }
    }
}
