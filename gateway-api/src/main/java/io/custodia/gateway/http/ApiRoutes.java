package io.custodia.gateway.http;

import io.javalin.Javalin;

/**
 * One area of the API (datasets, consents, access, audit, ...) registering its routes. Each area keeps
 * its route table, handlers and service together; {@link GatewayApp} lists the areas.
 */
public interface ApiRoutes {
    void register(Javalin app);
}
