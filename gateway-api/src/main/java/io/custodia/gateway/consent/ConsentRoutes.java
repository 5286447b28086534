package io.custodia.gateway.consent;

import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.http.ApiRoutes;
import io.custodia.gateway.http.GatewayContext;
import io.custodia.gateway.outbox.OutboxRunner;
import io.javalin.Javalin;
import java.time.Clock;

/**
 * Consents of patients and proxies: grant, list own, revoke (with erasure). Registers the outbox
 * operations these need ({@code grant-consent}, {@code revoke-consent}) with the runner.
 */
public final class ConsentRoutes implements ApiRoutes {
    private final GatewayContext context;
    private final ConsentHandlers handlers;

    public ConsentRoutes(final GatewayContext context, final OutboxRunner outbox) {
        this.context = context;
        outbox.register(new GrantConsentOperation(context.ledger(), context.store()).operation());
        final RevokeConsentOperation revocations = new RevokeConsentOperation(context.ledger(), context.store(), Clock.systemUTC());
        outbox.register(revocations.operation());
        this.handlers = new ConsentHandlers(new ConsentService(context.ledger(), context.store(), outbox, revocations),
                new ActingResolver(context.ledger(), context.subjects(), Clock.systemUTC()), context.idempotency(), context.pages(),
                new ConsentIds(context.ledger()));
    }

    @Override
    public void register(final Javalin app) {
        // patients (own subject) and proxies (subject of a delegation naming them)
        app.post("/api/v1/consents", ctx -> handlers.grant(ctx, context.auth().requireRole(ctx, UserRole.PATIENT, UserRole.PROXY)));
        app.get("/api/v1/me/consents", ctx -> handlers.listMine(ctx, context.auth().requireRole(ctx, UserRole.PATIENT, UserRole.PROXY)));
        app.delete("/api/v1/consents/{consentId}",
                ctx -> handlers.revoke(ctx, context.auth().requireRole(ctx, UserRole.PATIENT, UserRole.PROXY)));
    }
}
