package io.custodia.chaincode.dataset;

import io.custodia.chaincode.support.ErrorCode;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.Page;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.StateKey;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/**
 * Pages through datasets, using one index range and post-filtering the rest.
 *
 * <p>Which range is scanned: with no owner, tag or format the {@code DATASET} records themselves;
 * otherwise one {@code DATASET_BY_*} index, chosen by a fixed order of expected selectivity — tag
 * (a specific clinical context), then owner (one of a few institutions), then format (a dozen
 * values, each shared by many datasets). Fabric offers no key counts, and counting a range would
 * cost the scan it is meant to avoid, so the order is static. The other members of the filter
 * (and {@code status}) are applied to each record read.
 *
 * <p>Because of post-filtering a page is filled by reading further index pages, up to
 * {@link #SCAN_FACTOR} × {@code pageSize} index entries per call; a page can therefore hold fewer
 * than {@code pageSize} items while its bookmark is not empty. Callers continue until the bookmark
 * is empty.
 */
final class DatasetListing {
    /** Bound on index entries read per call, as a multiple of the page size: keeps one evaluate bounded. */
    static final int SCAN_FACTOR = 10;

    private final State state;
    private final DatasetRepository datasets;

    DatasetListing(final State state) {
        this.state = state;
        this.datasets = new DatasetRepository(state);
    }

    Page<DatasetRecord> list(final DatasetFilter filter, final int pageSize, final String bookmark) {
        if (pageSize < 1 || pageSize > State.MAX_PAGE_SIZE) {
            throw ErrorCode.INVALID_ARGUMENT.exception("pageSize", "must be between 1 and " + State.MAX_PAGE_SIZE);
        }
        final StateKey range = rangeFor(filter);
        final boolean direct = range.type() == KeyType.DATASET;
        String next = bookmark == null ? "" : bookmark;
        final List<DatasetRecord> items = new ArrayList<>();
        int budget = Math.multiplyExact(pageSize, SCAN_FACTOR);
        do {
            final int want = Math.min(pageSize - items.size(), budget);
            final Page<KeyValue> raw = state.page(range, want, next);
            budget -= raw.items().size();
            for (final KeyValue kv : raw.items()) {
                final DatasetRecord record = direct
                        ? State.decode(kv.getKey(), kv.getValue(), DatasetRecord.class)
                        : datasets.find(kv.getStringValue()).orElseThrow(() -> new IllegalStateException(
                                "index entry without dataset: " + kv.getStringValue()));
                if (filter.matches(record)) {
                    items.add(record);
                }
            }
            next = raw.bookmark();
        } while (!next.isEmpty() && items.size() < pageSize && budget > 0);
        return new Page<>(items, next);
    }

    /** The key range to scan for {@code filter}; see the class comment for the order. */
    static StateKey rangeFor(final DatasetFilter filter) {
        if (filter.tag() != null) {
            return StateKey.of(KeyType.DATASET_BY_TAG, filter.tag());
        }
        if (filter.owner() != null) {
            return StateKey.of(KeyType.DATASET_BY_OWNER, filter.owner());
        }
        if (filter.format() != null) {
            return StateKey.of(KeyType.DATASET_BY_FORMAT, filter.format().name());
        }
        return StateKey.of(KeyType.DATASET);
    }
}
