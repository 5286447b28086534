package io.custodia.ledger.state;

import io.custodia.ledger.block.Version;
import java.time.Instant;

/**
 * One committed modification of a key.
 *
 * @param txId the writing transaction
 * @param timestamp its proposal timestamp (what Fabric reports)
 * @param value the value written (empty for a delete)
 * @param isDelete whether the key was deleted
 * @param version height of the writing transaction
 */
public record HistoryEntry(String txId, Instant timestamp, byte[] value, boolean isDelete, Version version) {}
