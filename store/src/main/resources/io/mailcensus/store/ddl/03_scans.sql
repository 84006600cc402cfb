-- Generated from the Avro schema io.mailcensus.store.ScanRecord by io.mailcensus.store.schema.GenerateDdl (rules: columns.md).
-- Do not edit: change the schema and regenerate. One statement per file.
CREATE TABLE IF NOT EXISTS scans
(
    id String,
    started DateTime64(3, 'UTC'),
    finished Nullable(DateTime64(3, 'UTC')),
    state String,
    source String,
    domains_total Int64,
    domains_done Int64,
    rejected Int64,
    updated DateTime64(3, 'UTC'),
    options_resolver Nullable(String),
    options_dnssec Nullable(String),
    options_smtp Nullable(Bool),
    options_http Nullable(Bool),
    options_opt_out_entries Nullable(Int64),
    options_smtp_politeness Nullable(String),
    options_https_politeness Nullable(String),
    options_version Nullable(String),
    feeding_finished Nullable(DateTime64(3, 'UTC')),
    enqueued Int64,
    failed Int64,
    in_flight Int64
)
ENGINE = ReplacingMergeTree(updated)
ORDER BY id
