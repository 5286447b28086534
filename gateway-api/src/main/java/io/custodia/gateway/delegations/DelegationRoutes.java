package io.custodia.gateway.delegations;

import io.custodia.gateway.http.ApiRoutes;
import io.custodia.gateway.http.GatewayContext;
import io.javalin.Javalin;

/** Proxy delegations, registered and ended by institutions. */
public final class DelegationRoutes implements ApiRoutes {
    private final GatewayContext context;
    private final DelegationHandlers handlers;

    public DelegationRoutes(final GatewayContext context) {
        this.context = context;
        this.handlers = new DelegationHandlers(context.ledger(), context.subjects(), context.idempotency());
    }

    @Override
    public void register(final Javalin app) {
        // institutions; only the registering institution may end a delegation
        app.post("/api/v1/delegations", ctx -> handlers.register(ctx, context.auth().requireInstitution(ctx)));
        app.post("/api/v1/delegations/{delegationId}/end", ctx -> handlers.end(ctx, context.auth().requireInstitution(ctx)));
    }
}
