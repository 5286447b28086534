package io.custodia.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The JDBC implementation of {@link OffChainStore} for SQLite and PostgreSQL. */
final class JdbcOffChainStore implements OffChainStore {
    private static final int REWRAP_BATCH = 200;
    private static final Duration CHECKPOINT_PERIOD = Duration.ofMillis(500);
    /**
     * 64 MB of 4 KB pages, a few seconds of 100-subject PERMITs. The RESTART round holds the writer
     * lock; at 16 MB it ran nearly every round under that load and the group committer spent a third
     * of its time waiting for it (PERMITs 71-77/s; 83-89/s at 64 MB).
     */
    private static final int RESTART_WAL_AT_FRAMES = 16_384;
    /** Callers' work per shared transaction: far more than the gateway's concurrent requests. */
    private static final int GROUP_COMMIT_MAX = 64;

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final Clock clock;
    private final SubjectKeys keys;
    private final PointerCache pointerCache;
    private final Compactor compactor;
    private final Repositories repositories;
    /**
     * SQLite has a single writer. A connection that finds the write lock taken waits in SQLite's busy
     * handler, which sleeps in steps of up to 100 ms and is not woken when the lock frees: under
     * concurrent access requests the lock sat idle while writers slept (p99 1.7 s at 16 in flight).
     * Writers queue on this lock instead, where a release hands over at once (p99 0.69 s, same load).
     * It is fair, so a background writer that releases it and asks again at once cannot barge ahead
     * of waiting requests (an unfair lock let the former disclosure merge hold off the group committer
     * for whole 1.5-2 s rounds: PERMIT p99 1.4-1.7 s; fair: 0.40 s). PostgreSQL locks rows, so it gets
     * no such lock.
     */
    private final Optional<Lock> sqliteWriter;
    private final Optional<WalCheckpointer> checkpointer;
    /**
     * SQLite only. PostgreSQL runs concurrent writers and already coalesces the WAL flushes of
     * concurrent commits; funnelling them through one thread measured worse (79 vs 82-92 PERMITs/s).
     */
    private final Optional<GroupCommitter> groupCommitter;

    private JdbcOffChainStore(final HikariDataSource dataSource, final StoreConfig config) {
        this.dataSource = dataSource;
        this.dialect = config.dialect();
        this.clock = config.clock();
        this.keys = new SubjectKeys(new FieldCrypto(config.kek(), config.retiredKeys(), config.random()), clock);
        this.pointerCache = new PointerCache(config.pointerCacheBytes());
        this.compactor = new Compactor(dataSource, dialect);
        this.repositories = new Repositories(SqlExecutor.pooled(dataSource));
        this.sqliteWriter = dialect == Dialect.SQLITE ? Optional.of(new ReentrantLock(true)) : Optional.empty();
        this.checkpointer = sqliteWriter.map(writer ->
                new WalCheckpointer(dataSource, CHECKPOINT_PERIOD, writer, RESTART_WAL_AT_FRAMES));
        this.groupCommitter = sqliteWriter.map(writer ->
                new GroupCommitter(this::inTransaction, GROUP_COMMIT_MAX, "custodia-store-group-commit"));
    }

    static OffChainStore open(final StoreConfig config) {
        final HikariDataSource dataSource = dataSource(config);
        try {
            migrations(config, dataSource).load().migrate();
            return new JdbcOffChainStore(dataSource, config);
        } catch (FlywayException | StoreException e) {
            dataSource.close();
            throw new StoreException("store schema migration failed", e);
        }
    }

    /** Migrates the database to schema version {@code version} only: how tests set up an earlier schema. */
    static void migrateTo(final StoreConfig config, final String version) {
        try (HikariDataSource dataSource = dataSource(config)) {
            migrations(config, dataSource).target(version).load().migrate();
        }
    }

    private static FluentConfiguration migrations(final StoreConfig config, final DataSource dataSource) {
        return Flyway.configure(JdbcOffChainStore.class.getClassLoader())
                .dataSource(dataSource)
                // Through SLF4J, so the service's logging configuration decides what is shown.
                .loggers("slf4j")
                .locations(config.dialect().migrationLocation())
                .schemas(config.schema().map(s -> new String[] {s}).orElse(new String[0]));
    }

    private static HikariDataSource dataSource(final StoreConfig config) {
        final HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("custodia-store");
        hikari.setMaximumPoolSize(config.maxPoolSize());
        if (config.dialect() == Dialect.SQLITE) {
            final Path dir = config.dataDirectory().orElseThrow();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StoreException("cannot create the store's data directory", e);
            }
            hikari.setDataSource(config.connections().apply(sqlite(config.jdbcUrl())));
            hikari.setConnectionInitSql(WalCheckpointer.DISABLE_AUTOCHECKPOINT);
        } else {
            hikari.setJdbcUrl(config.jdbcUrl());
            config.schema().ifPresent(hikari::setSchema);
        }
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            // Hikari's message may contain the URL (and its password): keep only the type.
            throw new StoreException("cannot open the store's connection pool (" + e.getClass().getSimpleName() + ")",
                    e.getCause());
        }
    }

    /** SQLite connections configured so that deleted data can be proven gone from the files. */
    private static SQLiteDataSource sqlite(final String url) {
        final SQLiteConfig sqlite = new SQLiteConfig();
        // Overwrite deleted content with zeros instead of leaving it in free pages.
        sqlite.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // Temporary tables and VACUUM's scratch copy stay in memory, never in stray temp files.
        sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // Writers take the lock at BEGIN, so read-then-write transactions serialise instead of failing.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        sqlite.setBusyTimeout(30_000);
        sqlite.enforceForeignKeys(true);
        final SQLiteDataSource ds = new SQLiteDataSource(sqlite);
        ds.setUrl(url);
        return ds;
    }

    /** A transaction on a pooled connection, holding the SQLite writer lock for its length. */
    @Override
    public <T> T inTransaction(final StoreWork<T> work) {
        Checks.notNull(work, "work");
        sqliteWriter.ifPresent(Lock::lock);
        try (Connection connection = dataSource.getConnection()) {
            return SqlExecutor.inTransaction(connection, "transaction", c -> work.run(new Repositories(SqlExecutor.bound(c))),
                    broken -> SqlExecutor.evict(dataSource, broken));
        } catch (SQLException e) {
            throw SqlExecutor.failure("transaction", e);
        } finally {
            sqliteWriter.ifPresent(Lock::unlock);
        }
    }

    @Override
    public <T> T inSharedTransaction(final StoreWork<T> work) {
        return groupCommitter.isPresent() ? groupCommitter.get().run(work) : inTransaction(work);
    }

    /** Transactions the group committer has committed so far (SQLite; empty on PostgreSQL). */
    Optional<Long> sharedCommits() {
        return groupCommitter.map(GroupCommitter::commits);
    }

    @Override
    public int rewrapDataKeys() {
        final SqlExecutor pooled = SqlExecutor.pooled(dataSource);
        int total = 0;
        int batch;
        // Small transactions: a long rotation must not hold SQLite's write lock for its whole run.
        while ((batch = pooled.run("re-wrap data keys", c -> keys.rewrapBatch(c, REWRAP_BATCH))) > 0) {
            total += batch;
        }
        return total;
    }

    @Override
    public CompactionReport compact() {
        // After an erasure's commit no read can bring its pointers back into memory: a read starting
        // now sees the advanced mark. (The erasure also empties the cache in its transaction, but a
        // read racing with it could refill it under the old mark until the next read.)
        pointerCache.clear();
        return compactor.compact();
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public DatasetPointers datasets() {
        return repositories.datasets();
    }

    @Override
    public SubjectItemPointers items() {
        return repositories.items();
    }

    @Override
    public SubjectRegistry subjects() {
        return repositories.subjects();
    }

    @Override
    public ConsentDocuments consents() {
        return repositories.consents();
    }

    @Override
    public DisclosureIndex disclosures() {
        return repositories.disclosures();
    }

    @Override
    public IdempotencyRecords idempotency() {
        return repositories.idempotency();
    }

    @Override
    public Outbox outbox() {
        return repositories.outbox();
    }

    @Override
    public ErasureStore erasure() {
        return repositories.erasure();
    }

    @Override
    public FederationRecords federation() {
        return repositories.federation();
    }

    @Override
    public void close() {
        groupCommitter.ifPresent(GroupCommitter::close);
        checkpointer.ifPresent(WalCheckpointer::close);
        dataSource.close();
    }

    /** One set of repositories over one executor (the pool, or a caller's transaction). */
    private final class Repositories implements StoreSession {
        private final DatasetPointers datasets;
        private final JdbcSubjectItemPointers items;
        private final SubjectRegistry subjects;
        private final ConsentDocuments consents;
        private final DisclosureIndex disclosures;
        private final IdempotencyRecords idempotency;
        private final Outbox outbox;
        private final ErasureStore erasure;
        private final FederationRecords federation;

        Repositories(final SqlExecutor sql) {
            this.datasets = new JdbcDatasetPointers(sql, clock, dialect);
            this.items = new JdbcSubjectItemPointers(sql, keys, clock, dialect, pointerCache);
            this.subjects = new JdbcSubjectRegistry(sql, keys, clock);
            this.consents = new JdbcConsentDocuments(sql, keys, clock);
            this.disclosures = new JdbcDisclosureIndex(sql);
            this.idempotency = new JdbcIdempotencyRecords(sql);
            this.outbox = new JdbcOutbox(sql, dialect, clock, keys.crypto());
            this.erasure = new JdbcErasureStore(sql, items, JdbcOffChainStore.this::compact, dialect);
            this.federation = new JdbcFederationRecords(sql);
        }

        @Override
        public DatasetPointers datasets() {
            return datasets;
        }

        @Override
        public SubjectItemPointers items() {
            return items;
        }

        @Override
        public SubjectRegistry subjects() {
            return subjects;
        }

        @Override
        public ConsentDocuments consents() {
            return consents;
        }

        @Override
        public DisclosureIndex disclosures() {
            return disclosures;
        }

        @Override
        public IdempotencyRecords idempotency() {
            return idempotency;
        }

        @Override
        public Outbox outbox() {
            return outbox;
        }

        @Override
        public ErasureStore erasure() {
            return erasure;
        }

        @Override
        public FederationRecords federation() {
            return federation;
        }
    }
}
