package io.custodia.sdk.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A registered dataset as the ledger holds it.
 *
 * <pre>{@code
 * DatasetRecord r = client.datasets().get("ds-001");
 * String root = r.descriptor().contentHash().root();
 * }</pre>
 *
 * @param descriptor what was registered
 * @param owner owning institution (MSP ID)
 * @param status {@code ACTIVE} or {@code WITHDRAWN}
 * @param subjectCount number of subjects
 * @param registeredAt ledger time of registration
 * @param registeredTxId registering transaction
 * @param withdrawal present once withdrawn
 */
public record DatasetRecord(DatasetDescriptor descriptor, String owner, String status, long subjectCount,
        String registeredAt, String registeredTxId, Optional<Withdrawal> withdrawal) {
    public DatasetRecord {
        Objects.requireNonNull(descriptor, "descriptor");
        withdrawal = withdrawal == null ? Optional.empty() : withdrawal;
    }

    /** Shortcut for {@code descriptor().datasetId()}. */
    public String datasetId() {
        return descriptor.datasetId();
    }
}
