package io.custodia.gateway.audit;

import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.PageRequest;
import io.custodia.gateway.http.Pages;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code from}/{@code to} time range (ISO-8601 instants, {@code [from, to)}, either open) and the
 * page of a trail query, validated before anything reaches the ledger.
 *
 * @param from the inclusive start as the chaincode expects it, or {@code ""} when open
 * @param to the exclusive end, or {@code ""} when open
 */
public record TrailQuery(String from, String to, PageRequest page) {
    /**
     * Reads {@code from}, {@code to}, {@code pageSize} and {@code bookmark}; every invalid parameter is
     * reported at once as a 400 naming it. The bookmark is bound to {@code caller}, {@code route},
     * {@code filters} and the time range.
     */
    public static TrailQuery of(final Context ctx, final Pages pages, final Principal caller, final String route,
            final String... filters) {
        final List<ApiException.FieldError> errors = new ArrayList<>();
        final Instant from = instant(ctx, "from", errors);
        final Instant to = instant(ctx, "to", errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new ApiException.FieldError("to", "must not be before from"));
        }
        final String fromBound = from == null ? "" : from.toString();
        final String toBound = to == null ? "" : to.toString();
        final String[] bound = Arrays.copyOf(filters, filters.length + 2);
        bound[filters.length] = fromBound;
        bound[filters.length + 1] = toBound;
        PageRequest page = null;
        try {
            page = pages.read(ctx, caller, route, bound);
        } catch (ApiException e) {
            errors.addAll(e.fieldErrors());
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return new TrailQuery(fromBound, toBound, page);
    }

    private static Instant instant(final Context ctx, final String name, final List<ApiException.FieldError> errors) {
        final String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            final Instant instant = Instant.parse(value);
            // The ledger indexes events by epoch milliseconds from 1970 on.
            if (instant.isBefore(Instant.EPOCH) || instant.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
                errors.add(new ApiException.FieldError(name, "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z"));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.add(new ApiException.FieldError(name, "must be an ISO-8601 UTC instant such as 2026-01-31T12:00:00Z"));
            return null;
        }
    }
}
