package io.custodia.gateway.store;

/** The SQL databases the store runs on; each has its own migration folder. */
public enum Dialect {
    /** Embedded default: one file per store, secure_delete, WAL journal. */
    SQLITE("classpath:io/custodia/gateway/store/migration/sqlite"),
    /** Production. */
    POSTGRESQL("classpath:io/custodia/gateway/store/migration/postgresql");

    private final String migrationLocation;

    Dialect(final String migrationLocation) {
        this.migrationLocation = migrationLocation;
    }

    String migrationLocation() {
        return migrationLocation;
    }

    /** The dialect of a JDBC URL. */
    static Dialect ofJdbcUrl(final String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported JDBC URL scheme (expected jdbc:sqlite: or jdbc:postgresql:)");
    }
}
