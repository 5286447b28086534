package io.custodia.chaincode.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.Hashes;
import io.custodia.canonical.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetRootsTest {
    /** Refs no other test has handed to the (process-wide) memo. */
    private static List<String> refs(final String tag, final int n) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Hashes.sha256Hex((tag + System.nanoTime() + "-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void a_remembered_root_is_the_root_of_the_same_values() {
        final List<String> values = refs("same", 100);

        final String first = SetRoots.rootOfStringSet(values);
        final String again = SetRoots.rootOfStringSet(new ArrayList<>(values));

        assertThat(first).isEqualTo(MerkleTree.rootOfStringSet(values));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void another_set_gets_its_own_root_even_after_the_callers_list_changed() {
        final List<String> values = refs("changed", 3);
        final String before = SetRoots.rootOfStringSet(values);

        values.remove(2);
        final String after = SetRoots.rootOfStringSet(values);

        assertThat(after).isEqualTo(MerkleTree.rootOfStringSet(values)).isNotEqualTo(before);
        assertThat(SetRoots.rootOfStringSet(List.of())).isEqualTo(MerkleTree.rootOfStringSet(List.of()));
    }
}
