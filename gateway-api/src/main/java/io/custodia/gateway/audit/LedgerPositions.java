package io.custodia.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerClient.TransactionStatus;
import io.custodia.gateway.ledger.LedgerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds to each trail item (access event, erasure receipt) where the ledger holds the transaction that
 * recorded it: {@code block} and {@code position} in the block, looked up by the item's {@code txId}
 * with one {@link LedgerClient#transactions} call per answer. Block order is the ledger's order;
 * timestamps are the clients' clocks and may disagree with it. An item without a {@code txId} (a
 * disclosure index row from before event copies were kept) stays as it is.
 */
final class LedgerPositions {
    private final LedgerClient ledger;

    LedgerPositions(final LedgerClient ledger) {
        this.ledger = ledger;
    }

    /** A page {@code {"bookmark":…,"items":[…]}} with positions in its items, as canonical JSON. */
    byte[] page(final byte[] page) throws LedgerException {
        final JsonNode tree = LedgerJson.tree(page);
        final List<ObjectNode> items = new ArrayList<>();
        tree.path("items").forEach(item -> {
            if (item instanceof ObjectNode object) {
                items.add(object);
            }
        });
        addPositions(items);
        return CanonicalJson.toBytes(tree);
    }

    /** One item with its position, as canonical JSON. */
    byte[] item(final byte[] item) throws LedgerException {
        final JsonNode tree = LedgerJson.tree(item);
        if (tree instanceof ObjectNode object) {
            addPositions(List.of(object));
        }
        return CanonicalJson.toBytes(tree);
    }

    private void addPositions(final List<ObjectNode> items) throws LedgerException {
        final List<String> txIds = new ArrayList<>(items.size());
        items.forEach(item -> {
            if (item.path("txId").isTextual()) {
                txIds.add(item.path("txId").asText());
            }
        });
        if (txIds.isEmpty()) {
            return;
        }
        final Map<String, TransactionStatus> found = ledger.transactions(txIds);
        for (final ObjectNode item : items) {
            final TransactionStatus status = found.get(item.path("txId").asText());
            if (status != null) {
                item.put("block", status.block());
                item.put("position", status.position());
            }
        }
    }
}
