package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.chaincode.support.Fields;

/**
 * What {@code ListDatasets} selects: any combination of owner MSP ID, context tag, format and status
 * ({@code {}} = everything). Absent members do not filter.
 */
public final class DatasetFilter {
    private final String owner;
    private final String tag;
    private final DatasetFormat format;
    private final DatasetStatus status;

    @JsonCreator
    public DatasetFilter(final String owner, final String tag, final DatasetFormat format, final DatasetStatus status) {
        this.owner = owner == null ? null : Fields.mspId("owner", owner);
        this.tag = tag == null ? null : Fields.token("tag", tag);
        this.format = format;
        this.status = status;
    }

    /** The owner MSP ID, or null. */
    public String owner() {
        return owner;
    }

    /** The context tag, or null. */
    public String tag() {
        return tag;
    }

    /** The format, or null. */
    public DatasetFormat format() {
        return format;
    }

    /** The status, or null for every status. */
    public DatasetStatus status() {
        return status;
    }

    /** Whether {@code record} passes every member of this filter. */
    public boolean matches(final DatasetRecord record) {
        return (owner == null || owner.equals(record.owner()))
                && (tag == null || record.descriptor().contextTags().contains(tag))
                && (format == null || format == record.descriptor().format())
                && (status == null || status == record.status());
    }
}
