package io.custodia.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The committer on its own, over transactions that only run the work (the store suite covers the rest). */
class GroupCommitterTest {
    private static final GroupCommitter.Transactions RUN_ONLY = new GroupCommitter.Transactions() {
        @Override
        public <T> T inTransaction(final StoreWork<T> work) {
            return work.run(null);
        }
    };

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void a_shared_transaction_that_starts_another_fails_instead_of_waiting_for_itself() {
        try (GroupCommitter committer = new GroupCommitter(RUN_ONLY, 8, "test-group-commit")) {
            assertThatThrownBy(() -> committer.run(tx -> committer.run(inner -> 1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot start another");

            final Integer after = committer.run(tx -> 2);
            assertThat(after).as("the committer still works afterwards").isEqualTo(2);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void refuses_work_after_close() {
        final GroupCommitter committer = new GroupCommitter(RUN_ONLY, 8, "test-group-commit");

        committer.close();

        assertThatThrownBy(() -> committer.run(tx -> 1)).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }
}
