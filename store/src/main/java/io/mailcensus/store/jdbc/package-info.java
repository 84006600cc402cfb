/**
 * The store on a ClickHouse server through clickhouse-jdbc 0.10.0
 * ({@link io.mailcensus.store.jdbc.ClickHouseJdbcStore}): the same DDL files, rows and SQL as
 * the embedded store.
 */
package io.mailcensus.store.jdbc;
