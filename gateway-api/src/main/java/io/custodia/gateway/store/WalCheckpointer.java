package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import javax.sql.DataSource;

/**
 * Copies SQLite's write-ahead log into the database file in the background, so that commits do not,
 * and keeps the log from growing without bound.
 *
 * <p>By default the connection whose commit crosses 1,000 WAL pages runs the checkpoint itself, inside
 * the request, while holding SQLite's only write lock: half the cost of a 100-row disclosure commit
 * was that checkpoint (measured 11 ms → 5.6 ms per commit without it). The store's connections
 * therefore open with {@code wal_autocheckpoint=0} and this thread runs a PASSIVE checkpoint every
 * {@code period}: PASSIVE never blocks writers or readers, it copies what it can.
 *
 * <p>PASSIVE alone is not enough. SQLite starts the log over only when a writer finds every frame
 * copied, and under a steady stream of commits a checkpoint that lets writers go on never catches up:
 * a 30-minute access benchmark left a 6.8 GB log beside a 180 MB database, and every read searched
 * that log's index. So once the log holds {@code restartAtFrames}, the next round takes the store's
 * writer lock (writers queue on it, see {@link JdbcOffChainStore}) and runs a RESTART checkpoint:
 * the PASSIVE round just before copied nearly everything, so writers wait for the last few frames
 * and one fsync, and the next commit writes the log from its start again.
 *
 * <p>RESTART, not TRUNCATE: the log file keeps its size and its pages stay in the page cache, so the
 * next 64 MB of commits overwrite cached pages instead of needing new ones. Cut to zero bytes every
 * few seconds, the log took fresh pages for every frame, which on a virtual machine that backs guest
 * memory on first touch made SQLite's writes cost several times the copy (docs/benchmarks.md, ninth
 * round). The old frames that stay in the file until overwritten hold nothing erasure must remove:
 * erasure truncates the log itself.
 *
 * <p>Durability is unchanged (a committed transaction is in the WAL, fsynced, either way); erasure
 * still truncates the WAL itself ({@link Compactor}), so nothing it deletes waits for this thread.
 */
final class WalCheckpointer implements AutoCloseable {
    /** Applied to every store connection: no checkpoints on the commit path. */
    static final String DISABLE_AUTOCHECKPOINT = "PRAGMA wal_autocheckpoint=0";

    private final DataSource dataSource;
    private final Lock writer;
    private final int restartAtFrames;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "custodia-store-checkpoint");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param writer the lock every store writer holds for its transaction
     * @param restartAtFrames log size (in pages) from which a round also starts the log over
     */
    WalCheckpointer(final DataSource dataSource, final Duration period, final Lock writer, final int restartAtFrames) {
        this.dataSource = dataSource;
        this.writer = writer;
        this.restartAtFrames = restartAtFrames;
        timer.scheduleWithFixedDelay(this::checkpointQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round now: PASSIVE, then RESTART under the writer lock if the log is long. */
    void checkpoint() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            if (framesInLog(st, "PRAGMA wal_checkpoint(PASSIVE)") < restartAtFrames) {
                return;
            }
            writer.lock();
            try {
                framesInLog(st, "PRAGMA wal_checkpoint(RESTART)");
            } finally {
                writer.unlock();
            }
        }
    }

    /** Runs a checkpoint; its second column is the log's size in frames (-1 when not in WAL mode). */
    private static int framesInLog(final Statement st, final String checkpoint) throws SQLException {
        try (ResultSet rs = st.executeQuery(checkpoint)) {
            return rs.next() ? rs.getInt(2) : -1;
        }
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (SQLException | RuntimeException e) {
            // The next round retries; a WAL that is not checkpointed only grows, it loses nothing.
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
