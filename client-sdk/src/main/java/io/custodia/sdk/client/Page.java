package io.custodia.sdk.client;

import java.util.List;
import java.util.Objects;

/**
 * One page of a listing: its items and the opaque bookmark of the next page (empty when there is none).
 *
 * <pre>{@code
 * PageRequest next = PageRequest.first(100);
 * do {
 *     Page<AccessEvent> page = client.audit().accessEvents(query, next);
 *     page.items().forEach(this::show);
 *     next = next.after(page);
 * } while (page.hasMore());
 * }</pre>
 *
 * @param items this page's items
 * @param bookmark where the next page starts; empty on the last page
 * @param <T> item type
 */
public record Page<T>(List<T> items, String bookmark) {
    public Page {
        items = items == null ? List.of() : List.copyOf(items);
        bookmark = bookmark == null ? "" : bookmark;
    }

    /** Whether another page follows. */
    public boolean hasMore() {
        return !bookmark.isEmpty();
    }

    /** Requires {@code items} to be non-null; used by listings that must not be silently empty. */
    static <T> Page<T> of(final List<T> items, final String bookmark) {
        return new Page<>(Objects.requireNonNull(items, "items"), bookmark);
    }
}
