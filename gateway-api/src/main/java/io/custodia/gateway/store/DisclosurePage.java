package io.custodia.gateway.store;

import java.util.List;
import java.util.Map;

/**
 * One page of a subject's disclosures, oldest first, and the access events they came from as the
 * ledger returned them ({@code events}: event ID → canonical JSON; rows recorded before copies were
 * kept have none). {@code bookmark} is empty on the last page.
 */
public record DisclosurePage(List<Disclosure> rows, Map<String, String> events, String bookmark) {
    public DisclosurePage {
        rows = List.copyOf(rows);
        events = Map.copyOf(events);
    }
}
