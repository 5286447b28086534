package io.custodia.sdk.client;

import java.util.Map;
import java.util.Objects;

/**
 * A delegation with its status and who recorded it.
 *
 * <pre>{@code
 * DelegationRecord r = client.delegations().register(request);
 * String id = r.delegation().delegationId();
 * }</pre>
 *
 * @param delegation the delegation
 * @param status {@code ACTIVE} or {@code ENDED}
 * @param recordedBy recording institution
 * @param registeredAt ledger time
 * @param txId transaction
 * @param ending how it ended, as the ledger wrote it (empty while active)
 */
public record DelegationRecord(Delegation delegation, String status, String recordedBy, String registeredAt, String txId,
        Map<String, Object> ending) {
    public DelegationRecord {
        Objects.requireNonNull(delegation, "delegation");
        ending = ending == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ending));
    }
}
