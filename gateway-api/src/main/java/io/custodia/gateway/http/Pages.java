package io.custodia.gateway.http;

import io.javalin.http.Context;

/** {@code pageSize} and {@code bookmark} query parameters, validated. */
public record Pages(int pageSize, String bookmark) {
    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;

    public static Pages of(final Context ctx) {
        final String size = ctx.queryParam("pageSize");
        int pageSize = DEFAULT_SIZE;
        if (size != null) {
            try {
                pageSize = Integer.parseInt(size);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("pageSize", "must be a whole number");
            }
            if (pageSize < 1 || pageSize > MAX_SIZE) {
                throw ApiException.badRequest("pageSize", "must be between 1 and " + MAX_SIZE);
            }
        }
        final String bookmark = ctx.queryParam("bookmark");
        if (bookmark != null && bookmark.length() > 1024) {
            throw ApiException.badRequest("bookmark", "is too long");
        }
        return new Pages(pageSize, bookmark == null ? "" : bookmark);
    }

    public String size() {
        return Integer.toString(pageSize);
    }
}
