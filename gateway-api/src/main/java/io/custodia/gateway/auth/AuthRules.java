package io.custodia.gateway.auth;

import io.custodia.gateway.http.ApiException;
import io.javalin.http.Context;

/**
 * Authentication of {@code /api/v1} requests and the named role guards handlers call first.
 */
public final class AuthRules {
    private static final String PRINCIPAL = "custodia.principal";
    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;

    public AuthRules(final TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** Before-handler: a valid bearer token or 401 with a {@code WWW-Authenticate} challenge. */
    public void authenticate(final Context ctx) {
        final String header = ctx.header("Authorization");
        if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"custodia\"");
            throw ApiException.unauthorized("a bearer token is required");
        }
        try {
            ctx.attribute(PRINCIPAL, verifier.verify(header.substring(BEARER.length()).trim()));
        } catch (ApiException e) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"custodia\", error=\"invalid_token\"");
            throw e;
        }
    }

    /**
     * Whether the request carries a token verified before and still trusted; cheap (no signature
     * check), for the rate limiter to let such callers through while their address is limited.
     */
    public boolean presentsVerifiedToken(final Context ctx) {
        final String header = ctx.header("Authorization");
        return header != null && header.startsWith(BEARER) && verifier.isVerified(header.substring(BEARER.length()).trim());
    }

    public static Principal principal(final Context ctx) {
        final Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw ApiException.unauthorized("a bearer token is required");
        }
        return principal;
    }

    public Principal requireRole(final Context ctx, final UserRole... roles) {
        final Principal principal = principal(ctx);
        for (final UserRole role : roles) {
            if (principal.role() == role) {
                return principal;
            }
        }
        throw ApiException.forbidden("this operation is not available to role " + principal.role().claim());
    }

    public Principal requireAuditor(final Context ctx) {
        return requireRole(ctx, UserRole.AUDITOR);
    }

    public Principal requireInstitution(final Context ctx) {
        return requireRole(ctx, UserRole.INSTITUTION);
    }

    public Principal requireAuditorOrInstitution(final Context ctx) {
        return requireRole(ctx, UserRole.AUDITOR, UserRole.INSTITUTION);
    }
}
