package io.custodia.gateway.audit;

import io.custodia.gateway.http.ApiRoutes;
import io.custodia.gateway.http.GatewayContext;
import io.javalin.Javalin;

/**
 * Route table of the audit area. Who may read what:
 *
 * <table>
 *   <caption>Audit endpoints</caption>
 *   <tr><th>endpoint</th><th>auditor</th><th>institution</th><th>patient, proxy</th></tr>
 *   <tr><td>GET /api/v1/audit/access-events?datasetId=</td><td>any</td><td>own datasets (else 404)</td><td>403</td></tr>
 *   <tr><td>GET /api/v1/audit/access-events?institution=</td><td>any</td><td>itself (else 404)</td><td>403</td></tr>
 *   <tr><td>GET /api/v1/audit/access-events?subjectRef=</td><td>any</td><td>403</td><td>403</td></tr>
 *   <tr><td>GET /api/v1/audit/access-events/{eventId}</td><td>any</td><td>as requester or dataset owner (else 404)</td><td>403</td></tr>
 *   <tr><td>GET /api/v1/audit/erasures?subjectRef=</td><td>any</td><td>403</td><td>403</td></tr>
 *   <tr><td>GET /api/v1/audit/erasures/{receiptId}</td><td>any</td><td>receipts it recorded (else 404)</td><td>403</td></tr>
 * </table>
 */
public final class AuditRoutes implements ApiRoutes {
    private final AccessTrailHandlers trails;
    private final ErasureHandlers erasures;

    public AuditRoutes(final GatewayContext context) {
        this.trails = new AccessTrailHandlers(context.ledger(), context.auth(), new SubjectTrail(context.store()), context.pages());
        this.erasures = new ErasureHandlers(context.ledger(), context.auth(), context.pages());
    }

    @Override
    public void register(final Javalin app) {
        app.get("/api/v1/audit/access-events", trails::list);
        app.get("/api/v1/audit/access-events/{eventId}", trails::one);
        app.get("/api/v1/audit/erasures", erasures::list);
        app.get("/api/v1/audit/erasures/{receiptId}", erasures::one);
    }
}
