package io.custodia.gateway.access;

import io.custodia.gateway.audit.SubjectTrail;
import io.custodia.gateway.consent.ActingResolver;
import io.custodia.gateway.federation.ReleaseClient;
import io.custodia.gateway.http.ApiRoutes;
import io.custodia.gateway.http.GatewayContext;
import io.javalin.Javalin;
import java.time.Clock;

/**
 * Route table of the access area:
 * {@code POST /api/v1/access-requests} and {@code POST /api/v1/access-requests/{requestId}/delivery}
 * (institutions), {@code GET /api/v1/me/disclosures} (patients; proxies with {@code ?delegationId=}), and the
 * delivery audit: {@code GET /api/v1/audit/access-events/{eventId}/delivery}, {@code GET /api/v1/audit/undelivered-permits}.
 */
public final class AccessRoutes implements ApiRoutes {
    private final AccessRequestHandlers requests;
    private final DisclosureHandlers disclosures;
    private final DeliveryAuditHandlers deliveries;

    public AccessRoutes(final GatewayContext context, final ReleaseClient releases) {
        this.requests = new AccessRequestHandlers(context.auth(), context.idempotency(),
                new AccessService(context.ledger(), context.store(), releases, Clock.systemUTC()));
        this.disclosures = new DisclosureHandlers(context.auth(),
                new ActingResolver(context.ledger(), context.subjects(), Clock.systemUTC()),
                new SubjectTrail(context.store()), context.pages());
        this.deliveries = new DeliveryAuditHandlers(context.ledger(), context.auth(), context.pages());
    }

    @Override
    public void register(final Javalin app) {
        app.post("/api/v1/access-requests", requests::create);
        app.post("/api/v1/access-requests/{requestId}/delivery", requests::delivery);
        app.get("/api/v1/me/disclosures", disclosures::list);
        app.get("/api/v1/audit/access-events/{eventId}/delivery", deliveries::receipt);
        app.get("/api/v1/audit/undelivered-permits", deliveries::undelivered);
    }
}
