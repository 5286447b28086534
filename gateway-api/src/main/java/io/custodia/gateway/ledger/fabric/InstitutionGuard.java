package io.custodia.gateway.ledger.fabric;

import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.http.ApiException;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * In fabric mode a gateway belongs to one institution: it holds only that institution's keys, and its
 * off-chain store holds only that institution's pointers and subject registry. Every {@code /api/v1}
 * request whose token names another institution is refused with 403 before any handler runs, so a
 * token minted for Org2 can neither submit as Org1 nor read Org1's off-chain data through Org1's gateway.
 */
public final class InstitutionGuard {
    private final String mspId;

    private InstitutionGuard(final String mspId) {
        this.mspId = mspId;
    }

    /** Registers the guard after authentication (Javalin runs before-handlers in registration order). */
    public static void install(final Javalin app, final String mspId) {
        app.before("/api/v1/*", new InstitutionGuard(mspId)::check);
    }

    void check(final Context ctx) {
        final Principal principal = AuthRules.principal(ctx);
        if (!principal.institution().equals(mspId)) {
            throw ApiException.forbidden("this gateway serves institution " + mspId
                    + " only; callers of " + principal.institution() + " use their own institution's gateway");
        }
    }
}
