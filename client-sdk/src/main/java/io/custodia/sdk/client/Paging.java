package io.custodia.sdk.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Follows bookmarks until the last page. */
final class Paging {
    /** One page fetch. */
    @FunctionalInterface
    interface Fetch<T> {
        Page<T> page(PageRequest request) throws CustodiaException;
    }

    private Paging() {}

    static <T> List<T> all(final Fetch<T> fetch) throws CustodiaException {
        final List<T> items = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        PageRequest request = PageRequest.first(1000);
        while (true) {
            final Page<T> page = fetch.page(request);
            items.addAll(page.items());
            if (!page.hasMore()) {
                return items;
            }
            // A server repeating a bookmark would loop forever; treat it as a protocol error.
            if (!seen.add(page.bookmark())) {
                throw new CustodiaProtocolException(200, "the gateway returned the same bookmark twice", null);
            }
            request = request.after(page);
        }
    }
}
