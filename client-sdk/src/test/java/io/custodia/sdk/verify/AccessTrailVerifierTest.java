package io.custodia.sdk.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.MerkleTree;
import io.custodia.sdk.client.AccessEvent;
import io.custodia.sdk.client.AccessEventQuery;
import io.custodia.sdk.client.AccessRequest;
import io.custodia.sdk.client.DuoTerm;
import io.custodia.sdk.verify.TrailFinding.Check;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTrailVerifierTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String EMPTY = MerkleTree.rootOfStringSet(List.of());

    static AccessEvent event(final String id, final String dataset, final String decision, final long released,
            final String root, final String at) {
        final DuoTerm hmb = DuoTerm.of("HMB");
        final AccessRequest request = new AccessRequest(Optional.of(id), dataset, hmb, false, false, false, false,
                Optional.empty(), Optional.empty());
        return new AccessEvent(id, dataset, "Org1MSP", "Org2MSP", hmb, decision, List.of(), List.of(), List.of(), 3, released,
                root, at, "tx-" + id, request);
    }

    private static List<Check> checks(final TrailVerification v) {
        return v.findings().stream().map(TrailFinding::check).toList();
    }

    @Test
    void accepts_a_consistent_trail_and_recomputes_known_roots() {
        final List<AccessEvent> trail = List.of(
                event("r1", "ds-1", "PERMIT", 2, MerkleTree.rootOfStringSet(Set.of(A, B)), "2026-01-01T00:00:00Z"),
                event("r2", "ds-1", "DENY", 0, EMPTY, "2026-01-01T00:00:01Z"));

        final TrailVerification v = AccessTrailVerifier.create().verify(trail,
                TrailExpectations.forQuery(AccessEventQuery.byDataset("ds-1")).withReleased("r1", List.of(B, A)));

        assertThat(v.consistent()).as(v.describe()).isTrue();
        assertThat(v.rootsRecomputed()).isEqualTo(1);
    }

    @Test
    void finds_a_root_that_does_not_commit_to_the_released_subjects() {
        final List<AccessEvent> trail = List.of(event("r1", "ds-1", "PERMIT", 1, MerkleTree.rootOfStringSet(Set.of(A)), "2026-01-01T00:00:00Z"));

        final TrailVerification v = AccessTrailVerifier.create().verify(trail, TrailExpectations.none().withReleased("r1", List.of(B)));

        assertThat(checks(v)).containsExactly(Check.ROOT_MISMATCH);
        assertThat(v.describe()).contains("recomputed " + MerkleTree.rootOfStringSet(Set.of(B)));
    }

    @Test
    void finds_duplicates_disorder_and_events_outside_the_query() {
        final List<AccessEvent> trail = List.of(
                event("r1", "ds-1", "DENY", 0, EMPTY, "2026-01-01T00:00:05Z"),
                event("r1", "ds-1", "DENY", 0, EMPTY, "2026-01-01T00:00:06Z"),
                event("r3", "ds-2", "DENY", 0, EMPTY, "2026-01-01T00:00:01Z"));
        final AccessEventQuery query = AccessEventQuery.byDataset("ds-1").between(Instant.parse("2026-01-01T00:00:02Z"), null);

        final TrailVerification v = AccessTrailVerifier.create().verify(trail, TrailExpectations.forQuery(query));

        assertThat(checks(v)).containsExactly(Check.DUPLICATE_EVENT, Check.OUT_OF_ORDER, Check.OUTSIDE_QUERY, Check.OUTSIDE_QUERY);
        assertThat(v.findings().get(0).index()).isEqualTo(1);
    }

    @Test
    void finds_counts_that_contradict_the_decision() {
        final List<AccessEvent> trail = List.of(
                event("r1", "ds-1", "DENY", 1, MerkleTree.rootOfStringSet(Set.of(A)), "2026-01-01T00:00:00Z"),
                event("r2", "ds-1", "PERMIT", 0, EMPTY, "2026-01-01T00:00:01Z"),
                event("r3", "ds-1", "PERMIT", 4, EMPTY, "2026-01-01T00:00:02Z"),
                event("r4", "ds-1", "MAYBE", 0, EMPTY, "not a time"));

        final TrailVerification v = AccessTrailVerifier.create().verify(trail, TrailExpectations.none());

        assertThat(checks(v)).containsExactly(Check.INCONSISTENT_COUNTS, Check.ROOT_MISMATCH, Check.INCONSISTENT_COUNTS,
                Check.INCONSISTENT_COUNTS, Check.MISSING_FIELD, Check.MISSING_FIELD);
    }

    @Test
    void finds_an_embedded_request_for_another_dataset() {
        final AccessEvent base = event("r1", "ds-1", "DENY", 0, EMPTY, "2026-01-01T00:00:00Z");
        final AccessEvent swapped = new AccessEvent(base.eventId(), "ds-9", base.datasetOwner(), base.requester(), base.purpose(),
                base.decision(), base.reasons(), base.flags(), base.obligations(), base.subjectsConsidered(), base.subjectsReleased(),
                base.releasedSubjectsRoot(), base.decidedAt(), base.txId(), base.request());

        final TrailVerification v = AccessTrailVerifier.create().verify(List.of(swapped), TrailExpectations.none());

        assertThat(checks(v)).containsExactly(Check.REQUEST_MISMATCH);
    }
}
