-- DANE for SMTP (RFC 7672), base `mx`.
-- Parameter {scan:String}: the scan id (clickhouse client --param_scan='<scan id>' --queries-file dane.sql).
-- Every output column is a metric key of report.md.
-- TLSA records and their verdicts are per mail server (mail_server_results, one row per
-- (MX host, IP), shared by the domains that use it): this joins each domain's usable MX hosts
-- and their addresses (domain_results.mx_hosts) to it on (scan_id, host, ip), both read with FINAL.
WITH
    domains AS (
        SELECT domain,
               -- usable MX hosts: not the null MX, not localhost (name or loopback-only addresses)
               arrayFilter(h -> h.name NOT IN ('', '.')
                                AND splitByChar('.', h.name)[1] != 'localhost'
                                AND NOT (notEmpty(arrayConcat(h.ipv4, h.ipv6))
                                         AND arrayAll(a -> a IN ('127.0.0.1', '::1'), arrayConcat(h.ipv4, h.ipv6))),
                           mx_hosts) AS hosts
        FROM domain_results FINAL
        WHERE scan_id = {scan:String}
          AND (mx_status = 'present' OR mx_null_mx OR mx_localhost)
          AND NOT mx_null_mx
    ),
    endpoints AS (
        -- one row per (domain, MX host, address); a host without addresses keeps one row, ip ''
        SELECT domain, trim(TRAILING '.' FROM lower(h.name)) AS host, ip
        FROM domains
        ARRAY JOIN hosts AS h
        LEFT ARRAY JOIN arrayConcat(h.ipv4, h.ipv6) AS ip
    ),
    probes AS (
        SELECT host, ip, tlsa_status, tlsa_dnssec, dane_valid
        FROM mail_server_results FINAL
        WHERE scan_id = {scan:String}
    ),
    per_host AS (
        SELECT e.domain AS domain,
               e.host AS host,
               -- the host has TLSA records at _25._tcp.<host>
               max(p.tlsa_status = 'present') AS has_tlsa,
               -- DANE-valid: at least one address matched its DNSSEC-secure TLSA, and no address failed
               countIf(coalesce(p.dane_valid, false) AND p.tlsa_dnssec = 'secure') > 0
                   AND countIf(NOT coalesce(p.dane_valid, true)) = 0 AS dane_ok
        FROM endpoints AS e
        LEFT JOIN probes AS p ON p.host = e.host AND p.ip = e.ip
        GROUP BY e.domain, e.host
    ),
    per_domain AS (
        SELECT domain, count() AS hosts, countIf(has_tlsa) AS tlsa_hosts, countIf(dane_ok) AS valid_hosts
        FROM per_host
        GROUP BY domain
    )
SELECT
    -- dane.present: TLSA on at least one MX host (the seed's "has DANE record")
    countIf(tlsa_hosts > 0)                                         AS `dane.present`,
    -- dane.all: TLSA on every usable MX host
    countIf(tlsa_hosts > 0 AND tlsa_hosts = hosts)                  AS `dane.all`,
    -- dane.valid: every usable MX host has DNSSEC-secure TLSA matching its certificate
    countIf(valid_hosts > 0 AND valid_hosts = hosts)                AS `dane.valid`
FROM per_domain
