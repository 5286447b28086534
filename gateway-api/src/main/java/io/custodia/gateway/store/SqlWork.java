package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;

/** JDBC work on a connection whose transaction is managed by a {@link SqlExecutor}. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
