package io.custodia.chaincode.testing;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A test fake of one transaction's stub over an in-memory world state.
 *
 * <p>Faithful where the chaincode could notice: reads see committed state only (not this
 * transaction's own writes, as on a peer), range queries refuse composite keys, the write set is
 * recorded in call order and applied by {@link ChaincodeFixture} only when the transaction succeeds,
 * only the last event is kept. Anything the chaincode must not use fails loudly.
 */
final class InMemoryStub implements ChaincodeStub {
    private final NavigableMap<String, byte[]> world;
    private final Map<String, List<KeyModification>> history;
    private final List<byte[]> args;
    private final String txId;
    private final Instant timestamp;
    private final byte[] creator;
    private final String mspId;
    private final Map<String, byte[]> writes = new LinkedHashMap<>();
    private ChaincodeEvent event;

    InMemoryStub(
            final NavigableMap<String, byte[]> world,
            final Map<String, List<KeyModification>> history,
            final List<String> args,
            final String txId,
            final Instant timestamp,
            final byte[] creator,
            final String mspId) {
        this.world = world;
        this.history = history;
        this.args = args.stream().map(a -> a.getBytes(StandardCharsets.UTF_8)).collect(Collectors.toList());
        this.txId = txId;
        this.timestamp = timestamp;
        this.creator = creator;
        this.mspId = mspId;
    }

    /** Key → value written (null value = delete), in call order. */
    Map<String, byte[]> writes() {
        return writes;
    }

    ChaincodeEvent event() {
        return event;
    }

    @Override
    public List<byte[]> getArgs() {
        return args;
    }

    @Override
    public List<String> getStringArgs() {
        return args.stream().map(a -> new String(a, StandardCharsets.UTF_8)).collect(Collectors.toList());
    }

    @Override
    public String getFunction() {
        return getStringArgs().isEmpty() ? null : getStringArgs().get(0);
    }

    @Override
    public List<String> getParameters() {
        return getStringArgs().stream().skip(1).collect(Collectors.toList());
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        return "custodia";
    }

    @Override
    public byte[] getState(final String key) {
        final byte[] value = world.get(key);
        return value == null ? new byte[0] : value.clone();
    }

    @Override
    public void putState(final String key, final byte[] value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("empty value for " + key + ": use delState");
        }
        writes.put(key, value.clone());
    }

    @Override
    public void delState(final String key) {
        writes.put(key, null);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(final String startKey, final String endKey) {
        CompositeKey.validateSimpleKeys(startKey, endKey);
        return new ListIterator<>(range(startKey, endKey));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            final String startKey, final String endKey, final int pageSize, final String bookmark) {
        CompositeKey.validateSimpleKeys(startKey, endKey);
        final String from = bookmark != null && !bookmark.isEmpty() && bookmark.compareTo(startKey) > 0 ? bookmark : startKey;
        final List<KeyValue> all = range(from, endKey);
        final List<KeyValue> page = all.subList(0, Math.min(pageSize, all.size()));
        final String next = all.size() > pageSize ? all.get(pageSize).getKey() : "";
        final QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(page.size())
                .setBookmark(next)
                .build();
        return new PagedIterator(new ArrayList<>(page), metadata);
    }

    private List<KeyValue> range(final String startKey, final String endKey) {
        final NavigableMap<String, byte[]> view =
                endKey == null || endKey.isEmpty() ? world.tailMap(startKey, true) : world.subMap(startKey, true, endKey, false);
        return view.entrySet().stream().map(e -> new Kv(e.getKey(), e.getValue())).collect(Collectors.toList());
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(final String key) {
        // Newest first, as Fabric 2.x returns history.
        final List<KeyModification> mods = new ArrayList<>(history.getOrDefault(key, List.of()));
        java.util.Collections.reverse(mods);
        return new ListIterator<>(mods);
    }

    @Override
    public void setEvent(final String name, final byte[] payload) {
        event = ChaincodeEvent.newBuilder()
                .setEventName(name)
                .setTxId(txId)
                .setPayload(ByteString.copyFrom(payload))
                .build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    @Override
    public Instant getTxTimestamp() {
        return timestamp;
    }

    @Override
    public byte[] getCreator() {
        return creator.clone();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return Map.of();
    }

    @Override
    public String getMspId() {
        return mspId;
    }

    @Override
    public CompositeKey createCompositeKey(final String objectType, final String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(final String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    // --- Not used by Custodia's chaincode: fail loudly so a new use is noticed. ---

    private static UnsupportedOperationException unsupported(final String what) {
        return new UnsupportedOperationException(what + " is not supported by the test stub");
    }

    @Override
    public Chaincode.Response invokeChaincode(final String name, final List<byte[]> a, final String channel) {
        throw unsupported("invokeChaincode");
    }

    @Override
    public byte[] getStateValidationParameter(final String key) {
        throw unsupported("getStateValidationParameter");
    }

    @Override
    public void setStateValidationParameter(final String key, final byte[] value) {
        throw unsupported("setStateValidationParameter");
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String compositeKey) {
        throw unsupported("getStateByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String objectType, final String... attributes) {
        throw unsupported("getStateByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final CompositeKey compositeKey) {
        throw unsupported("getStateByPartialCompositeKey");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            final CompositeKey compositeKey, final int pageSize, final String bookmark) {
        throw unsupported("getStateByPartialCompositeKeyWithPagination");
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(final String query) {
        throw unsupported("rich queries");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(final String query, final int pageSize, final String bookmark) {
        throw unsupported("rich queries");
    }

    @Override
    public byte[] getPrivateData(final String collection, final String key) {
        throw unsupported("private data");
    }

    @Override
    public byte[] getPrivateDataHash(final String collection, final String key) {
        throw unsupported("private data");
    }

    @Override
    public byte[] getPrivateDataValidationParameter(final String collection, final String key) {
        throw unsupported("private data");
    }

    @Override
    public void putPrivateData(final String collection, final String key, final byte[] value) {
        throw unsupported("private data");
    }

    @Override
    public void setPrivateDataValidationParameter(final String collection, final String key, final byte[] value) {
        throw unsupported("private data");
    }

    @Override
    public void delPrivateData(final String collection, final String key) {
        throw unsupported("private data");
    }

    @Override
    public void purgePrivateData(final String collection, final String key) {
        throw unsupported("private data");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(final String collection, final String startKey, final String endKey) {
        throw unsupported("private data");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(final String collection, final String compositeKey) {
        throw unsupported("private data");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(final String collection, final CompositeKey compositeKey) {
        throw unsupported("private data");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            final String collection, final String objectType, final String... attributes) {
        throw unsupported("private data");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(final String collection, final String query) {
        throw unsupported("private data");
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw unsupported("getSignedProposal");
    }

    @Override
    public byte[] getBinding() {
        throw unsupported("getBinding");
    }

    private static final class Kv implements KeyValue {
        private final String key;
        private final byte[] value;

        Kv(final String key, final byte[] value) {
            this.key = key;
            this.value = value.clone();
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private static class ListIterator<T> implements QueryResultsIterator<T> {
        private final List<T> items;

        ListIterator(final List<T> items) {
            this.items = items;
        }

        @Override
        public Iterator<T> iterator() {
            return items.iterator();
        }

        @Override
        public void close() {}
    }

    private static final class PagedIterator extends ListIterator<KeyValue> implements QueryResultsIteratorWithMetadata<KeyValue> {
        private final QueryResponseMetadata metadata;

        PagedIterator(final List<KeyValue> items, final QueryResponseMetadata metadata) {
            super(items);
            this.metadata = metadata;
        }

        @Override
        public QueryResponseMetadata getMetadata() {
            return metadata;
        }
    }
}
