package io.custodia.gateway.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * How to open an {@link OffChainStore}: database, key-encryption key, pool size, clock.
 *
 * <pre>{@code
 * StoreConfig embedded = StoreConfig.sqlite(Path.of("/var/lib/custodia/store"), kek);
 * StoreConfig production = StoreConfig.postgres("jdbc:postgresql://db/custodia?user=…", kek)
 *         .withMaxPoolSize(16);
 * }</pre>
 */
public final class StoreConfig {
    /** File name of the SQLite database inside its data directory. */
    public static final String SQLITE_FILE = "custodia-store.db";
    /** Decrypted pointers kept by default: ~200,000 subjects' short pointer lists. */
    public static final long DEFAULT_POINTER_CACHE_BYTES = 64L << 20;

    private final String jdbcUrl;
    private final Dialect dialect;
    private final Path dataDirectory;
    private final KeyEncryptionKey kek;
    private final List<KeyEncryptionKey> retiredKeys;
    private final String schema;
    private final int maxPoolSize;
    private final Clock clock;
    private final SecureRandom random;
    private final long pointerCacheBytes;
    private final UnaryOperator<DataSource> connections;

    private StoreConfig(final String jdbcUrl, final Path dataDirectory, final KeyEncryptionKey kek,
            final List<KeyEncryptionKey> retiredKeys, final String schema, final int maxPoolSize, final Clock clock,
            final SecureRandom random, final long pointerCacheBytes) {
        this(jdbcUrl, dataDirectory, kek, retiredKeys, schema, maxPoolSize, clock, random, pointerCacheBytes,
                UnaryOperator.identity());
    }

    private StoreConfig(final String jdbcUrl, final Path dataDirectory, final KeyEncryptionKey kek,
            final List<KeyEncryptionKey> retiredKeys, final String schema, final int maxPoolSize, final Clock clock,
            final SecureRandom random, final long pointerCacheBytes, final UnaryOperator<DataSource> connections) {
        this.connections = connections;
        this.jdbcUrl = jdbcUrl;
        this.dialect = Dialect.ofJdbcUrl(jdbcUrl);
        this.dataDirectory = dataDirectory;
        this.kek = kek;
        this.retiredKeys = List.copyOf(retiredKeys);
        this.schema = schema;
        this.maxPoolSize = maxPoolSize;
        this.clock = clock;
        this.random = random;
        this.pointerCacheBytes = pointerCacheBytes;
    }

    /**
     * An embedded SQLite store whose files (database, WAL, shared memory) all live in {@code
     * dataDirectory}, created if missing.
     */
    public static StoreConfig sqlite(final Path dataDirectory, final KeyEncryptionKey kek) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        final Path file = dataDirectory.toAbsolutePath().resolve(SQLITE_FILE);
        return new StoreConfig("jdbc:sqlite:" + file, dataDirectory.toAbsolutePath(),
                Objects.requireNonNull(kek, "kek"), List.of(), null, 4, Clock.systemUTC(), new SecureRandom(),
                DEFAULT_POINTER_CACHE_BYTES);
    }

    /** A PostgreSQL store; {@code jdbcUrl} may carry user and password parameters. */
    public static StoreConfig postgres(final String jdbcUrl, final KeyEncryptionKey kek) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (Dialect.ofJdbcUrl(jdbcUrl) != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("not a jdbc:postgresql: URL");
        }
        return new StoreConfig(jdbcUrl, null, Objects.requireNonNull(kek, "kek"), List.of(), null, 8, Clock.systemUTC(),
                new SecureRandom(), DEFAULT_POINTER_CACHE_BYTES);
    }

    /** Uses PostgreSQL schema {@code schema} (created by the migration if missing). */
    public StoreConfig withSchema(final String schema) {
        if (dialect != Dialect.POSTGRESQL) {
            throw new IllegalStateException("schemas apply to PostgreSQL only");
        }
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("schema must be a lower-case SQL identifier");
        }
        return new StoreConfig(jdbcUrl, dataDirectory, kek, retiredKeys, schema, maxPoolSize, clock, random,
                pointerCacheBytes);
    }

    /**
     * Earlier key-encryption keys, accepted for unwrapping only. Rotation: open the store with the
     * new key and the old one retired, call {@link OffChainStore#rewrapDataKeys()} and {@link
     * OffChainStore#compact()}, then destroy the old key; from then on WAL segments and backups
     * taken before the rotation cannot be decrypted, even together with the current key.
     */
    public StoreConfig withRetiredKeys(final KeyEncryptionKey... retired) {
        for (final KeyEncryptionKey k : retired) {
            if (Objects.requireNonNull(k, "retired[]").id().equals(kek.id())) {
                throw new IllegalArgumentException("a retired key must not share the current key's id");
            }
        }
        return new StoreConfig(jdbcUrl, dataDirectory, kek, List.of(retired), schema, maxPoolSize, clock, random,
                pointerCacheBytes);
    }

    /** Sets the connection pool's maximum size. */
    public StoreConfig withMaxPoolSize(final int maxPoolSize) {
        return new StoreConfig(jdbcUrl, dataDirectory, kek, retiredKeys, schema, Checks.positive(maxPoolSize, "maxPoolSize"),
                clock, random, pointerCacheBytes);
    }

    /** Sets the clock for timestamps and outbox leases (tests move time forward). */
    public StoreConfig withClock(final Clock clock) {
        return new StoreConfig(jdbcUrl, dataDirectory, kek, retiredKeys, schema, maxPoolSize,
                Objects.requireNonNull(clock, "clock"), random, pointerCacheBytes);
    }

    /**
     * Tests only: the pool's connections come from {@code filter} applied to the database's own data
     * source (fault injection: a disk that fills up and frees again). Not carried over by the other
     * {@code with…} methods: set it last.
     */
    StoreConfig withConnections(final UnaryOperator<DataSource> filter) {
        return new StoreConfig(jdbcUrl, dataDirectory, kek, retiredKeys, schema, maxPoolSize, clock, random,
                pointerCacheBytes, Objects.requireNonNull(filter, "filter"));
    }

    UnaryOperator<DataSource> connections() {
        return connections;
    }

    /**
     * How much memory decrypted item pointers may take ({@link PointerCache}); 0 keeps none, every
     * access request then reads and decrypts its subjects' pointers.
     */
    public StoreConfig withPointerCacheBytes(final long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("pointerCacheBytes must not be negative");
        }
        return new StoreConfig(jdbcUrl, dataDirectory, kek, retiredKeys, schema, maxPoolSize, clock, random, bytes);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The database dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The SQLite data directory; empty for PostgreSQL. */
    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    KeyEncryptionKey kek() {
        return kek;
    }

    List<KeyEncryptionKey> retiredKeys() {
        return retiredKeys;
    }

    Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    int maxPoolSize() {
        return maxPoolSize;
    }

    long pointerCacheBytes() {
        return pointerCacheBytes;
    }

    Clock clock() {
        return clock;
    }

    SecureRandom random() {
        return random;
    }

    @Override
    public String toString() {
        // The URL may carry a password: name the dialect only.
        return "StoreConfig[" + dialect + (schema == null ? "" : ", schema=" + schema) + "]";
    }
}
