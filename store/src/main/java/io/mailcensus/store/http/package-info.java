/**
 * ClickHouse's HTTP interface over the embedded store ({@link io.mailcensus.store.http.ClickHouseHttpServer}),
 * so that Grafana, clickhouse-jdbc and curl read a single-machine store as if it were a
 * ClickHouse server; with ClickHouse's compressed block framing ({@link io.mailcensus.store.http.CompressedBlocks},
 * CityHash 1.0.2 checksums) and query parameters bound as typed literals. Safe by default:
 * read-only on engine sessions with {@code readonly = 1} and query limits ({@link io.mailcensus.store.http.EngineSessions}),
 * every statement checked in the engine's own rendering ({@link io.mailcensus.store.http.StatementGuard}),
 * web pages of other origins and foreign Host names refused ({@link io.mailcensus.store.http.BrowserGuard}).
 */
package io.mailcensus.store.http;
