package io.custodia.gateway.store;

import static io.custodia.gateway.store.TestData.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.canonical.MerkleTree;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DisclosedEventTest {
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00.123456Z");

    @Test
    void computes_the_root_of_its_subjects_and_keeps_them_sorted_at_millisecond_precision() {
        final DisclosedEvent event = DisclosedEvent.of("ev-1", "ds-1", "UNI-X", "{}", AT, "{}", List.of(ref("b"), ref("a")));

        assertThat(event.subjectRefs()).containsExactlyElementsOf(new TreeSet<>(List.of(ref("a"), ref("b"))));
        assertThat(event.subjectsRoot()).isEqualTo(MerkleTree.rootOfStringSet(List.of(ref("a"), ref("b"))));
        assertThat(event.decidedAt()).isEqualTo(Instant.parse("2026-12-06T10:00:00.123Z"));
    }

    @Test
    void rejects_no_subjects_a_value_that_is_not_a_subject_ref_and_a_malformed_root() {
        assertThatThrownBy(() -> DisclosedEvent.of("ev-1", "ds-1", "UNI-X", "{}", AT, "{}", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subjectRefs");
        assertThatThrownBy(() -> DisclosedEvent.of("ev-1", "ds-1", "UNI-X", "{}", AT, "{}", List.of("MRN-0001")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subjectRef")
                .hasMessageNotContaining("MRN-0001");
        assertThatThrownBy(() -> new DisclosedEvent("ev-1", "ds-1", "UNI-X", "{}", AT, "{}",
                new TreeSet<>(List.of(ref("a"))), "not-a-root"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subjectsRoot");
    }
}
