-- Generated from the Avro schema io.mailcensus.schemas.MailServerResult by io.mailcensus.store.schema.GenerateDdl (rules: columns.md).
-- Do not edit: change the schema and regenerate. One statement per file.
CREATE TABLE IF NOT EXISTS mail_server_results
(
    scan_id String,
    host String,
    ip String,
    port Int32,
    probed_at DateTime64(3, 'UTC'),
    connect LowCardinality(String),
    connect_ms Nullable(Int32),
    greeting Nullable(String),
    software LowCardinality(String),
    ehlo Nullable(String),
    helo_fallback Bool,
    extensions Array(String),
    starttls LowCardinality(String),
    tls LowCardinality(String),
    tls_error Nullable(String),
    tls_protocol Nullable(String),
    tls_cipher Nullable(String),
    chain Array(Tuple(subject String, sans Array(String), issuer String, issuer_org Nullable(String), not_before DateTime64(3, 'UTC'), not_after DateTime64(3, 'UTC'), key_algorithm String, key_bits Nullable(Int32), signature_algorithm String, sha256 String)),
    pkix_valid Nullable(Bool),
    pkix_error Nullable(String),
    hostname_match Nullable(Bool),
    expired Nullable(Bool),
    tlsa_status LowCardinality(String),
    tlsa Array(String),
    tlsa_dnssec LowCardinality(String),
    dane_valid Nullable(Bool),
    error Nullable(String),
    answer_of Nullable(String)
)
ENGINE = ReplacingMergeTree(probed_at)
ORDER BY (scan_id, host, ip)
