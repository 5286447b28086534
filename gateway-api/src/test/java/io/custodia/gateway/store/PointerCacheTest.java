package io.custodia.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PointerCacheTest {
    private final PointerCache cache = new PointerCache(1 << 20);

    @Test
    void keeps_pointers_under_the_mark_they_were_read_with() {
        cache.at(3).put("ds-1", "s1", List.of("p1"));

        assertThat(cache.at(3).get("ds-1", "s1")).containsExactly("p1");
        assertThat(cache.at(3).get("ds-2", "s1")).isNull();
        assertThat(cache.at(3).get("ds-1", "s2")).isNull();
    }

    @Test
    void a_newer_mark_starts_empty_and_an_older_one_keeps_nothing() {
        cache.at(3).put("ds-1", "s1", List.of("p1"));

        assertThat(cache.at(4).get("ds-1", "s1")).as("after a change").isNull();
        final PointerCache.Generation late = cache.at(3);
        late.put("ds-1", "s1", List.of("stale"));
        assertThat(late.get("ds-1", "s1")).as("a reader that raced with the change keeps nothing").isNull();
        assertThat(cache.at(4).get("ds-1", "s1")).isNull();
    }

    @Test
    void clear_drops_every_entry_of_the_current_mark() {
        cache.at(3).put("ds-1", "s1", List.of("p1"));

        cache.clear();

        assertThat(cache.at(3).get("ds-1", "s1")).isNull();
    }

    @Test
    void a_cache_of_zero_bytes_keeps_nothing() {
        final PointerCache off = new PointerCache(0);
        off.at(1).put("ds-1", "s1", List.of("p1"));

        assertThat(off.at(1).get("ds-1", "s1")).isNull();
    }
}
