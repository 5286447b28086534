package io.custodia.ledger.exec;

import com.google.protobuf.ByteString;
import io.custodia.canonical.Hashes;
import io.custodia.ledger.block.KeyRead;
import io.custodia.ledger.block.KeyWrite;
import io.custodia.ledger.block.Proposal;
import io.custodia.ledger.block.RangeRead;
import io.custodia.ledger.block.ReadWriteSet;
import io.custodia.ledger.block.TransactionEvent;
import io.custodia.ledger.state.StateCursor;
import io.custodia.ledger.state.StateStore;
import io.custodia.ledger.state.VersionedValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode.Response;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The chaincode's view of the ledger during one simulation, with Fabric's semantics:
 *
 * <ul>
 *   <li>reads see committed state only, never the transaction's own writes;</li>
 *   <li>the first version read of each key goes into the read set; range queries record the keys
 *       consumed for phantom detection;</li>
 *   <li>a put with an empty value is a delete (Fabric's {@code IsDelete: len(value) == 0});</li>
 *   <li>range queries refuse composite keys; paginated queries and writes do not mix in one
 *       transaction;</li>
 *   <li>only the last {@code setEvent} is kept.</li>
 * </ul>
 *
 * <p>What the embedded ledger cannot do (private data, rich queries, chaincode-to-chaincode calls,
 * key-level endorsement) throws {@link UnsupportedOperationException} rather than pretending.
 */
public final class SimulationStub implements ChaincodeStub {
    private static final String UNSPECIFIED_START_KEY = new String(Character.toChars(0x000001));
    private static final String MAX_UNICODE_RUNE = "\udbff\udfff";

    private final StateStore state;
    private final Proposal proposal;
    private final Map<String, byte[]> transientData;
    private final String peerMspId;
    private final List<byte[]> args;
    private final Map<String, KeyRead> reads = new LinkedHashMap<>();
    private final TreeMap<String, KeyWrite> writes = new TreeMap<>();
    private final List<RangeQueryIterator> rangeQueries = new ArrayList<>();
    private final List<RangeRead> pagedReads = new ArrayList<>();
    private ChaincodeEvent event;
    private boolean paginatedQueryPerformed;
    private String failureDetail;

    public SimulationStub(final StateStore state, final Proposal proposal, final Map<String, byte[]> transientData,
            final String peerMspId) {
        this.state = state;
        this.proposal = proposal;
        this.transientData = Collections.unmodifiableMap(new LinkedHashMap<>(transientData));
        this.peerMspId = peerMspId;
        this.args = proposal.shimArgs();
    }

    /** The read/write set recorded so far; closes any range query the chaincode left open. */
    public ReadWriteSet readWriteSet() {
        final List<RangeRead> ranges = new ArrayList<>(pagedReads);
        for (final RangeQueryIterator query : rangeQueries) {
            query.close();
            ranges.add(query.toRangeRead());
        }
        return new ReadWriteSet(new ArrayList<>(reads.values()), ranges, new ArrayList<>(writes.values()));
    }

    /** The event of this transaction, if chaincode set one. */
    public Optional<TransactionEvent> transactionEvent() {
        return event == null
                ? Optional.empty()
                : Optional.of(new TransactionEvent(event.getEventName(), event.getPayload().toByteArray()));
    }

    /** Why the last call the stub refused failed, if it refused one: the shim hides it behind a generic message. */
    public Optional<String> failureDetail() {
        return Optional.ofNullable(failureDetail);
    }

    private <T extends RuntimeException> T refuse(final T error) {
        failureDetail = error.getMessage();
        return error;
    }

    /** Releases RocksDB iterators the chaincode did not close. */
    public void release() {
        rangeQueries.forEach(RangeQueryIterator::close);
    }

    @Override
    public List<byte[]> getArgs() {
        return args.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<String> getStringArgs() {
        return args.stream().map(a -> new String(a, StandardCharsets.UTF_8)).toList();
    }

    @Override
    public String getFunction() {
        return getStringArgs().isEmpty() ? null : getStringArgs().get(0);
    }

    @Override
    public List<String> getParameters() {
        final List<String> all = getStringArgs();
        return all.subList(1, all.size());
    }

    @Override
    public String getTxId() {
        return proposal.txId();
    }

    @Override
    public String getChannelId() {
        return proposal.channelId();
    }

    @Override
    public byte[] getState(final String key) {
        final Optional<VersionedValue> value = state.get(key);
        reads.putIfAbsent(key, new KeyRead(key, value.map(VersionedValue::version).orElse(null)));
        return value.map(VersionedValue::value).orElse(new byte[0]);
    }

    @Override
    public void putState(final String key, final byte[] value) {
        requireKey(key);
        checkWriteAllowed();
        final byte[] copy = value == null ? new byte[0] : value.clone();
        writes.put(key, new KeyWrite(key, copy.length == 0, copy));
    }

    @Override
    public void delState(final String key) {
        requireKey(key);
        checkWriteAllowed();
        writes.put(key, new KeyWrite(key, true, new byte[0]));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(final String startKey, final String endKey) {
        final String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        final String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return openRange(start, end);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            final String startKey, final String endKey, final int pageSize, final String bookmark) {
        final String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        final String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return page(start, end, pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String compositeKey) {
        final CompositeKey key = compositeKey.startsWith(CompositeKey.NAMESPACE)
                ? CompositeKey.parseCompositeKey(compositeKey)
                : new CompositeKey(compositeKey);
        return getStateByPartialCompositeKey(key);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String objectType, final String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final CompositeKey compositeKey) {
        final String prefix = compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString() : compositeKey.toString();
        return openRange(prefix, prefix + MAX_UNICODE_RUNE);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            final CompositeKey compositeKey, final int pageSize, final String bookmark) {
        final String prefix = compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString() : compositeKey.toString();
        return page(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    private QueryResultsIterator<KeyValue> openRange(final String start, final String end) {
        final RangeQueryIterator query = new RangeQueryIterator(start, end, state.range(start, end));
        rangeQueries.add(query);
        return query;
    }

    private QueryResultsIteratorWithMetadata<KeyValue> page(final String start, final String end, final int pageSize,
            final String bookmark) {
        if (!writes.isEmpty()) {
            throw refuse(new IllegalStateException("txid [" + getTxId()
                    + "]: unsupported transaction. Queries with pagination are not supported in a read-write transaction"));
        }
        if (pageSize <= 0) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        paginatedQueryPerformed = true;
        final String from = bookmark == null || bookmark.isEmpty() ? start : bookmark;
        final List<KeyValue> results = new ArrayList<>();
        final List<KeyRead> consumed = new ArrayList<>();
        String next = "";
        try (StateCursor cursor = state.range(from, end)) {
            while (cursor.hasNext()) {
                final VersionedValue value = cursor.next();
                if (results.size() == pageSize) {
                    next = value.key();
                    break;
                }
                consumed.add(new KeyRead(value.key(), value.version()));
                results.add(new LedgerKeyValue(value.key(), value.value()));
            }
        }
        pagedReads.add(new RangeRead(from, end, next.isEmpty(), consumed));
        return new PagedQueryIterator(results, next);
    }

    private void checkWriteAllowed() {
        if (paginatedQueryPerformed) {
            throw refuse(new IllegalStateException("txid [" + getTxId()
                    + "]: unsupported transaction. Queries with pagination are not supported in a read-write transaction"));
        }
    }

    private static void requireKey(final String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key cannot not be an empty string");
        }
    }

    @Override
    public CompositeKey createCompositeKey(final String objectType, final String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(final String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(final String key) {
        return new HistoryIterator(state.history(key));
    }

    @Override
    public void setEvent(final String name, final byte[] payload) {
        if (name == null || name.trim().isEmpty()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        event = ChaincodeEvent.newBuilder()
                .setChaincodeId(proposal.chaincodeId())
                .setTxId(proposal.txId())
                .setEventName(name)
                .setPayload(payload == null ? ByteString.EMPTY : ByteString.copyFrom(payload))
                .build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    @Override
    public Instant getTxTimestamp() {
        return proposal.timestamp();
    }

    @Override
    public byte[] getCreator() {
        return proposal.creator().clone();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return transientData;
    }

    /** Fabric's binding: SHA-256(nonce || creator || epoch as 8 little-endian bytes); the epoch is always 0 here. */
    @Override
    public byte[] getBinding() {
        final byte[] nonce = proposal.nonce();
        final byte[] creator = proposal.creator();
        final byte[] all = new byte[nonce.length + creator.length + 8];
        System.arraycopy(nonce, 0, all, 0, nonce.length);
        System.arraycopy(creator, 0, all, nonce.length, creator.length);
        return Hashes.sha256(all);
    }

    @Override
    public String getMspId() {
        return peerMspId;
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw refuse(unsupported("getSignedProposal (the embedded ledger signs its own proposal format, not a Fabric protobuf proposal)"));
    }

    @Override
    public Response invokeChaincode(final String chaincodeName, final List<byte[]> arguments, final String channel) {
        throw refuse(unsupported("invokeChaincode"));
    }

    @Override
    public byte[] getStateValidationParameter(final String key) {
        throw refuse(unsupported("getStateValidationParameter (key-level endorsement)"));
    }

    @Override
    public void setStateValidationParameter(final String key, final byte[] value) {
        throw refuse(unsupported("setStateValidationParameter (key-level endorsement)"));
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(final String query) {
        throw refuse(unsupported("getQueryResult (rich CouchDB queries)"));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(final String query, final int pageSize,
            final String bookmark) {
        throw refuse(unsupported("getQueryResultWithPagination (rich CouchDB queries)"));
    }

    @Override
    public byte[] getPrivateData(final String collection, final String key) {
        throw refuse(unsupported("private data"));
    }

    @Override
    public byte[] getPrivateDataHash(final String collection, final String key) {
        throw refuse(unsupported("private data"));
    }

    @Override
    public byte[] getPrivateDataValidationParameter(final String collection, final String key) {
        throw refuse(unsupported("private data"));
    }

    @Override
    public void putPrivateData(final String collection, final String key, final byte[] value) {
        throw refuse(unsupported("private data"));
    }

    @Override
    public void setPrivateDataValidationParameter(final String collection, final String key, final byte[] value) {
        throw refuse(unsupported("private data"));
    }

    @Override
    public void delPrivateData(final String collection, final String key) {
        throw refuse(unsupported("private data"));
    }

    @Override
    public void purgePrivateData(final String collection, final String key) {
        throw refuse(unsupported("private data"));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(final String collection, final String startKey,
            final String endKey) {
        throw refuse(unsupported("private data"));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(final String collection,
            final String compositeKey) {
        throw refuse(unsupported("private data"));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(final String collection,
            final CompositeKey compositeKey) {
        throw refuse(unsupported("private data"));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(final String collection,
            final String objectType, final String... attributes) {
        throw refuse(unsupported("private data"));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(final String collection, final String query) {
        throw refuse(unsupported("private data"));
    }

    private static UnsupportedOperationException unsupported(final String what) {
        return new UnsupportedOperationException(what + " is not supported by the embedded ledger");
    }
}
