package io.custodia.gateway.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Body of {@code POST /api/v1/datasets}: the descriptor that goes on-chain, and the storage location
 * and per-subject pointers and salts that stay off-chain.
 */
public record RegisterDatasetRequest(JsonNode dataset, String storageUri, List<Item> items) {
    /** One subject's items: pseudonym, item salt (hex) and where its files are. */
    public record Item(String subjectRef, String itemSalt, List<String> pointers) {}
}
