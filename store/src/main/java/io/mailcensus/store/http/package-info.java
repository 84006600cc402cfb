/**
 * ClickHouse's HTTP interface over the embedded store ({@link io.mailcensus.store.http.ClickHouseHttpServer}),
 * so that Grafana, clickhouse-jdbc and curl read a single-machine store as if it were a
 * ClickHouse server; with ClickHouse's compressed block framing ({@link io.mailcensus.store.http.CompressedBlocks},
 * CityHash 1.0.2 checksums) and query parameters bound as typed literals.
 */
package io.mailcensus.store.http;
