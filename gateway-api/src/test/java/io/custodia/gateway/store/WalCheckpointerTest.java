package io.custodia.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

class WalCheckpointerTest {
    @TempDir
    Path dir;

    @Test
    void commits_leave_the_log_to_the_checkpointer_which_copies_all_of_it() throws SQLException {
        final SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        final SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("wal.db"));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                WalCheckpointer checkpointer = new WalCheckpointer(dataSource, Duration.ofHours(1))) {
            st.execute(WalCheckpointer.DISABLE_AUTOCHECKPOINT);
            st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)");
            for (int i = 0; i < 1_500; i++) {
                st.execute("INSERT INTO t (v) VALUES (zeroblob(4000))");
            }
            final int[] before = passiveCheckpointOf(c, "PRAGMA wal_checkpoint(NOOP)");

            checkpointer.checkpoint();

            final int[] after = passiveCheckpointOf(c, "PRAGMA wal_checkpoint(NOOP)");
            assertThat(before[1]).as("WAL frames: no checkpoint ran on commit").isGreaterThan(1_500);
            assertThat(before[2]).as("frames checkpointed before").isZero();
            assertThat(after[2]).as("frames checkpointed after").isEqualTo(after[1]);
        }
    }

    /** busy, frames in the log, frames checkpointed. */
    private static int[] passiveCheckpointOf(final Connection c, final String pragma) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(pragma)) {
            rs.next();
            return new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)};
        }
    }
}
