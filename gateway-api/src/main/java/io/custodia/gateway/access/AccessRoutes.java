package io.custodia.gateway.access;

import io.custodia.gateway.audit.SubjectTrail;
import io.custodia.gateway.consent.ActingResolver;
import io.custodia.gateway.http.ApiRoutes;
import io.custodia.gateway.http.GatewayContext;
import io.javalin.Javalin;
import java.time.Clock;

/**
 * Route table of the access area:
 * {@code POST /api/v1/access-requests} (institutions) and {@code GET /api/v1/me/disclosures}
 * (patients; proxies with {@code ?delegationId=}).
 */
public final class AccessRoutes implements ApiRoutes {
    private final AccessRequestHandlers requests;
    private final DisclosureHandlers disclosures;

    public AccessRoutes(final GatewayContext context) {
        this.requests = new AccessRequestHandlers(context.auth(), context.idempotency(),
                new AccessService(context.ledger(), context.store()));
        this.disclosures = new DisclosureHandlers(context.auth(),
                new ActingResolver(context.ledger(), context.subjects(), Clock.systemUTC()),
                new SubjectTrail(context.store()), context.pages());
    }

    @Override
    public void register(final Javalin app) {
        app.post("/api/v1/access-requests", requests::create);
        app.get("/api/v1/me/disclosures", disclosures::list);
    }
}
