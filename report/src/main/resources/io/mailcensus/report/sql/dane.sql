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
        -- flags per (host, ip); an address missing here joins as all false (LEFT JOIN defaults)
        SELECT host, ip,
               -- the host has TLSA records at _25._tcp.<host>
               tlsa_status = 'present' AS has_tlsa,
               -- the address matched its DNSSEC-secure TLSA
               coalesce(dane_valid, false) AND tlsa_dnssec = 'secure' AS matched,
               -- the address failed DANE validation
               NOT coalesce(dane_valid, true) AS failed
        FROM mail_server_results FINAL
        WHERE scan_id = {scan:String}
          -- the rest (no TLSA, no verdict) would join as all false, like an address not probed:
          -- leaving them out keeps the right side of the join small
          AND (tlsa_status = 'present' OR dane_valid IS NOT NULL)
    ),
    per_domain AS (
        -- one GROUP BY over the endpoints instead of per (domain, host) then per domain: a host
        -- counts in tlsa_hosts when any of its addresses has TLSA; it is DANE-valid when at least
        -- one address matched its DNSSEC-secure TLSA and no address failed, so "every host valid"
        -- is "every host has a matching address" and "no address of the domain failed"
        SELECT e.domain AS domain,
               uniqExact(e.host) AS hosts,
               uniqExactIf(e.host, p.has_tlsa) AS tlsa_hosts,
               uniqExactIf(e.host, p.matched) AS matched_hosts,
               countIf(p.failed) AS failed_endpoints
        FROM endpoints AS e
        LEFT JOIN probes AS p ON p.host = e.host AND p.ip = e.ip
        GROUP BY e.domain
    )
SELECT
    -- dane.present: TLSA on at least one MX host (the seed's "has DANE record")
    countIf(tlsa_hosts > 0)                                         AS `dane.present`,
    -- dane.all: TLSA on every usable MX host
    countIf(tlsa_hosts > 0 AND tlsa_hosts = hosts)                  AS `dane.all`,
    -- dane.valid: every usable MX host has DNSSEC-secure TLSA matching its certificate
    countIf(hosts > 0 AND matched_hosts = hosts AND failed_endpoints = 0) AS `dane.valid`
FROM per_domain
