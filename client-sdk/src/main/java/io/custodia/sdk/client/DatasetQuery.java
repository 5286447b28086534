package io.custodia.sdk.client;

import java.util.Optional;

/**
 * Filters of {@code GET /api/v1/datasets}; empty means no filter.
 *
 * <pre>{@code
 * Page<DatasetRecord> mine = client.datasets().list(DatasetQuery.all().withOwner("Org1MSP"), PageRequest.first());
 * }</pre>
 *
 * @param owner owning MSP ID
 * @param tag a context tag
 * @param format dataset format
 * @param status {@code ACTIVE} or {@code WITHDRAWN}
 */
public record DatasetQuery(Optional<String> owner, Optional<String> tag, Optional<String> format, Optional<String> status) {
    public DatasetQuery {
        owner = owner == null ? Optional.empty() : owner;
        tag = tag == null ? Optional.empty() : tag;
        format = format == null ? Optional.empty() : format;
        status = status == null ? Optional.empty() : status;
    }

    /** No filter. */
    public static DatasetQuery all() {
        return new DatasetQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public DatasetQuery withOwner(final String value) {
        return new DatasetQuery(Optional.of(value), tag, format, status);
    }

    public DatasetQuery withTag(final String value) {
        return new DatasetQuery(owner, Optional.of(value), format, status);
    }

    public DatasetQuery withFormat(final String value) {
        return new DatasetQuery(owner, tag, Optional.of(value), status);
    }

    public DatasetQuery withStatus(final String value) {
        return new DatasetQuery(owner, tag, format, Optional.of(value));
    }
}
