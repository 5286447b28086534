package io.custodia.ledger.exec;

import java.util.Iterator;
import java.util.List;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** One page of a paginated range query, fetched eagerly, with Fabric's bookmark (the next key, or empty at the end). */
final class PagedQueryIterator implements QueryResultsIteratorWithMetadata<KeyValue> {
    private final List<KeyValue> page;
    private final QueryResponseMetadata metadata;

    PagedQueryIterator(final List<KeyValue> page, final String bookmark) {
        this.page = List.copyOf(page);
        this.metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(page.size())
                .setBookmark(bookmark)
                .build();
    }

    @Override
    public QueryResponseMetadata getMetadata() {
        return metadata;
    }

    @Override
    public Iterator<KeyValue> iterator() {
        return page.iterator();
    }

    @Override
    public void close() {
        // Eager page: nothing held open.
    }
}
