package io.custodia.sdk.client;

import java.util.Objects;

/**
 * Which page to fetch: {@code pageSize} (1..1000) and the bookmark from the previous page (empty for
 * the first).
 *
 * <pre>{@code
 * Page<ConsentRecord> first = client.consents().mine(PageRequest.first(50));
 * Page<ConsentRecord> second = client.consents().mine(PageRequest.first(50).after(first));
 * }</pre>
 *
 * @param pageSize items per page, 1..1000
 * @param bookmark opaque position, empty for the first page
 */
public record PageRequest(int pageSize, String bookmark) {
    /** The gateway's default and this client's: 100 items. */
    public static final int DEFAULT_SIZE = 100;

    public PageRequest {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("pageSize must be between 1 and 1000");
        }
        bookmark = bookmark == null ? "" : bookmark;
    }

    /** The first page of {@code pageSize} items. */
    public static PageRequest first(final int pageSize) {
        return new PageRequest(pageSize, "");
    }

    /** The first page of {@value #DEFAULT_SIZE} items. */
    public static PageRequest first() {
        return first(DEFAULT_SIZE);
    }

    /** The page after {@code page}, same size. */
    public PageRequest after(final Page<?> page) {
        Objects.requireNonNull(page, "page");
        return new PageRequest(pageSize, page.bookmark());
    }
}
