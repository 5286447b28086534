package io.custodia.chaincode.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.junit.jupiter.api.Test;

/**
 * {@link State#page} is the one paginated range read: it must refuse a bookmark outside the range it
 * reads, because a peer takes the bookmark as the start key as given. The stub here does what a peer
 * does (no clamping), so a bookmark that slipped through would return other ranges' keys.
 */
class StatePageTest {
    private static final StateKey SUBJECT_A = StateKey.of(KeyType.CONSENT_BY_SUBJECT, "a".repeat(64));
    private static final StateKey SUBJECT_B = StateKey.of(KeyType.CONSENT_BY_SUBJECT, "b".repeat(64));

    private final TreeMap<String, byte[]> world = new TreeMap<>();
    private final List<String> bookmarksSent = new ArrayList<>();
    private final State state = new State(peerLikeStub());

    StatePageTest() {
        put(StateKey.of(KeyType.CONSENT, "c-a1"));
        put(StateKey.of(KeyType.ACCESS_BY_DATASET, "ds-1", StateKey.fixedWidth(5), "ev-1"));
        put(StateKey.of(KeyType.CONSENT_BY_SUBJECT, "a".repeat(64), "c-a1"));
        put(StateKey.of(KeyType.CONSENT_BY_SUBJECT, "a".repeat(64), "c-a2"));
        put(StateKey.of(KeyType.CONSENT_BY_SUBJECT, "b".repeat(64), "c-b1"));
        put(StateKey.of(KeyType.DATASET, "zzzz-last"));
    }

    @Test
    void refuses_bookmarks_below_the_range_start_before_they_reach_the_ledger() {
        for (String bookmark : List.of("A", "\u0000", "CONSENT_BY_SUBJECT\u0001", SUBJECT_A.rangeStart().substring(0, 20),
                StateKey.of(KeyType.CONSENT_BY_SUBJECT, "a".repeat(64), "c-a1").encoded(), "ACCESS_BY_DATASET\u0001")) {
            assertRefused(SUBJECT_B, bookmark);
        }
        assertThat(bookmarksSent).as("no refused bookmark reached the ledger").isEmpty();
    }

    @Test
    void refuses_bookmarks_at_or_after_the_range_end() {
        for (String bookmark : List.of("zzzz", SUBJECT_A.rangeEnd(), SUBJECT_B.rangeStart(), "DATASET\u0001zzzz-last", "\uffff")) {
            assertRefused(SUBJECT_A, bookmark);
        }
        assertThat(bookmarksSent).isEmpty();
    }

    @Test
    void refuses_a_bookmark_outside_a_narrower_range_of_the_same_prefix() {
        StateKey dataset = StateKey.of(KeyType.ACCESS_BY_DATASET, "ds-1");
        String start = StateKey.of(KeyType.ACCESS_BY_DATASET, "ds-1", StateKey.fixedWidth(10)).encoded();
        String end = StateKey.of(KeyType.ACCESS_BY_DATASET, "ds-1", StateKey.fixedWidth(20)).encoded();
        String before = StateKey.of(KeyType.ACCESS_BY_DATASET, "ds-1", StateKey.fixedWidth(5), "ev-1").encoded();
        String after = StateKey.of(KeyType.ACCESS_BY_DATASET, "ds-1", StateKey.fixedWidth(20), "ev-9").encoded();

        assertThat(before).isGreaterThan(dataset.rangeStart());
        assertThatThrownBy(() -> state.page(start, end, 10, before)).satisfies(StatePageTest::isBookmarkRefusal);
        assertThatThrownBy(() -> state.page(start, end, 10, after)).satisfies(StatePageTest::isBookmarkRefusal);
        assertThat(bookmarksSent).isEmpty();
    }

    @Test
    void pages_through_exactly_the_range_with_its_own_bookmarks() {
        Page<KeyValue> first = state.page(SUBJECT_A, 1, null);
        Page<KeyValue> second = state.page(SUBJECT_A, 1, first.bookmark());

        assertThat(keys(first)).containsExactly(SUBJECT_A.rangeStart() + "c-a1");
        assertThat(keys(second)).containsExactly(SUBJECT_A.rangeStart() + "c-a2");
        assertThat(second.bookmark()).isEmpty();
        assertThat(state.page(SUBJECT_A, 10, SUBJECT_A.rangeStart()).items()).hasSize(2);
        assertThat(state.page(SUBJECT_A, 10, "").items()).hasSize(2);
    }

    private void assertRefused(final StateKey range, final String bookmark) {
        assertThatThrownBy(() -> state.page(range, 1000, bookmark))
                .as("bookmark %s", bookmark.replace('\u0001', '/'))
                .satisfies(StatePageTest::isBookmarkRefusal);
    }

    private static void isBookmarkRefusal(final Throwable thrown) {
        assertThat(thrown).isInstanceOf(ChaincodeException.class);
        ChaincodeException e = (ChaincodeException) thrown;
        assertThat(new String(e.getPayload(), StandardCharsets.UTF_8)).isEqualTo("INVALID_ARGUMENT");
        assertThat(e.getMessage()).isEqualTo("bookmark: does not belong to this query");
    }

    private static List<String> keys(final Page<KeyValue> page) {
        return page.items().stream().map(KeyValue::getKey).collect(Collectors.toList());
    }

    private void put(final StateKey key) {
        world.put(key.encoded(), "{}".getBytes(StandardCharsets.UTF_8));
    }

    /** Only {@code getStateByRangeWithPagination}, as a peer serves it: the bookmark is the start key, unchecked. */
    private ChaincodeStub peerLikeStub() {
        return (ChaincodeStub) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ChaincodeStub.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getStateByRangeWithPagination")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String start = (String) args[0];
                    String end = (String) args[1];
                    int size = (Integer) args[2];
                    String bookmark = (String) args[3];
                    if (!bookmark.isEmpty()) {
                        bookmarksSent.add(bookmark);
                    }
                    List<Map.Entry<String, byte[]>> all = new ArrayList<>(
                            world.subMap(bookmark.isEmpty() ? start : bookmark, true, end, false).entrySet());
                    List<KeyValue> page = all.subList(0, Math.min(size, all.size())).stream()
                            .map(e -> keyValue(e.getKey(), e.getValue())).collect(Collectors.toList());
                    String next = all.size() > size ? all.get(size).getKey() : "";
                    return iterator(page, QueryResponseMetadata.newBuilder().setBookmark(next).build());
                });
    }

    private static KeyValue keyValue(final String key, final byte[] value) {
        return new KeyValue() {
            @Override
            public String getKey() {
                return key;
            }

            @Override
            public byte[] getValue() {
                return value;
            }

            @Override
            public String getStringValue() {
                return new String(value, StandardCharsets.UTF_8);
            }
        };
    }

    private static QueryResultsIteratorWithMetadata<KeyValue> iterator(final List<KeyValue> items, final QueryResponseMetadata metadata) {
        return new QueryResultsIteratorWithMetadata<>() {
            @Override
            public QueryResponseMetadata getMetadata() {
                return metadata;
            }

            @Override
            public Iterator<KeyValue> iterator() {
                return items.iterator();
            }

            @Override
            public void close() {}
        };
    }
}
