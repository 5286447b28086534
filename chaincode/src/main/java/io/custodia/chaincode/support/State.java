package io.custodia.chaincode.support;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.RawJson;
import io.custodia.canonical.InvalidJsonException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * Typed access to world state: values are canonical JSON, keys are {@link StateKey}s, and every
 * iterator is closed.
 */
public final class State {
    /** Largest page a query may ask for; keeps a single evaluate bounded. */
    public static final int MAX_PAGE_SIZE = 1000;

    private final ChaincodeStub stub;

    public State(final ChaincodeStub stub) {
        this.stub = Objects.requireNonNull(stub, "stub");
    }

    public <T> Optional<T> get(final StateKey key, final Class<T> type) {
        final byte[] bytes = stub.getState(key.encoded());
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        return Optional.of(decode(key.encoded(), bytes, type));
    }

    /**
     * Like {@link #get}, for deeply immutable types read on hot paths: equal bytes decode once and
     * share the instance ({@link DecodedValues}).
     */
    public <T> Optional<T> getImmutable(final StateKey key, final Class<T> type) {
        final byte[] bytes = stub.getState(key.encoded());
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        return Optional.of(DecodedValues.decode(type, bytes, b -> decode(key.encoded(), b, type)));
    }

    /**
     * The stored record as it is, for answers that return records unchanged: no parse and re-encode
     * (stored values are canonical JSON written by {@link #put}).
     */
    public Optional<RawJson> getRaw(final StateKey key) {
        final byte[] bytes = stub.getState(key.encoded());
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        return Optional.of(RawJson.of(bytes));
    }

    public boolean exists(final StateKey key) {
        final byte[] bytes = stub.getState(key.encoded());
        return bytes != null && bytes.length > 0;
    }

    public void put(final StateKey key, final Object value) {
        stub.putState(key.encoded(), CanonicalJson.toBytes(value));
    }

    /** A value encoded once with {@link CanonicalJson#toBytes} and written under several keys. */
    public void putEncoded(final StateKey key, final byte[] canonicalJson) {
        stub.putState(key.encoded(), canonicalJson);
    }

    /** An index entry: the value is the last key attribute, so it is never empty (empty means delete in Fabric). */
    public void putIndex(final StateKey key) {
        final List<String> attributes = key.attributes();
        stub.putStringState(key.encoded(), attributes.get(attributes.size() - 1));
    }

    /** Raw string values under {@code prefix}, all of them, in key order (for bounded index scans inside a submit). */
    public List<KeyValue> scan(final StateKey prefix) {
        final List<KeyValue> out = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = stub.getStateByRange(prefix.rangeStart(), prefix.rangeEnd())) {
            for (final KeyValue kv : results) {
                out.add(kv);
            }
        } catch (Exception e) {
            throw new IllegalStateException("range query under " + prefix + " failed", e);
        }
        return out;
    }

    /**
     * One page of raw entries with keys in {@code [startKey, endKey)}, resuming at {@code bookmark}.
     * Fabric allows paginated queries in evaluate (read-only) transactions only.
     *
     * <p>For range queries Fabric's bookmark is simply the next start key, and a peer uses it as given:
     * a bookmark below {@code startKey} would return keys of other owners or other types (another
     * subject's consents, another institution's trail, another aggregate's records read as index
     * entries). Every paginated query goes through here, so this is the one place that refuses a
     * bookmark outside {@code [startKey, endKey)} — for a time-bounded trail the time-bounded range.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException INVALID_ARGUMENT on {@code bookmark} or {@code pageSize}
     */
    public Page<KeyValue> page(final String startKey, final String endKey, final int pageSize, final String bookmark) {
        final int size = checkPageSize(pageSize);
        final String from = checkBookmark(startKey, endKey, bookmark);
        final List<KeyValue> items = new ArrayList<>();
        String next;
        try (QueryResultsIteratorWithMetadata<KeyValue> results =
                stub.getStateByRangeWithPagination(startKey, endKey, size, from)) {
            for (final KeyValue kv : results) {
                items.add(kv);
            }
            next = results.getMetadata() == null ? "" : results.getMetadata().getBookmark();
        } catch (Exception e) {
            throw new IllegalStateException("paginated range query failed", e);
        }
        // Fabric returns a bookmark even on the last page; an empty page of a full-size request is the end.
        return new Page<>(items, items.size() < size ? "" : next);
    }

    /** Page of raw entries under {@code prefix}. */
    public Page<KeyValue> page(final StateKey prefix, final int pageSize, final String bookmark) {
        return page(prefix.rangeStart(), prefix.rangeEnd(), pageSize, bookmark);
    }

    public static <T> T decode(final String key, final byte[] bytes, final Class<T> type) {
        try {
            return CanonicalJson.parse(bytes, type);
        } catch (InvalidJsonException e) {
            // Stored state is written only by this chaincode; unreadable state is a bug, not bad input.
            throw new IllegalStateException("state at " + key.replace(StateKey.SEPARATOR, '/') + " is not a valid "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static String utf8(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@code bookmark} ("" for null) if it is empty or inside {@code [startKey, endKey)}; else INVALID_ARGUMENT. */
    private static String checkBookmark(final String startKey, final String endKey, final String bookmark) {
        if (bookmark == null || bookmark.isEmpty()) {
            return "";
        }
        if (bookmark.compareTo(startKey) < 0 || bookmark.compareTo(endKey) >= 0) {
            // No echo of the bookmark or the range: both are ledger keys.
            throw ErrorCode.INVALID_ARGUMENT.exception("bookmark", "does not belong to this query");
        }
        return bookmark;
    }

    private static int checkPageSize(final int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ErrorCode.INVALID_ARGUMENT.exception("pageSize", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return pageSize;
    }
}
