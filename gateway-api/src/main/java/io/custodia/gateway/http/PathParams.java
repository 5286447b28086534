package io.custodia.gateway.http;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/** Path parameters that name ledger objects, validated with the chaincode's identifier rule. */
public final class PathParams {
    /** Same shape as the chaincode's client-chosen IDs (datasets, consents, requests, delegations). */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private PathParams() {}

    public static String id(final Context ctx, final String name) {
        final String id = ctx.pathParam(name);
        if (!ID.matcher(id).matches()) {
            throw ApiException.badRequest(name, "must be an identifier of letters, digits and . _ : -");
        }
        return id;
    }
}
