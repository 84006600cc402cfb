-- DANE for SMTP (RFC 7672), base `mx`.
-- Parameter {scan:String}: the scan id (clickhouse client --param_scan='<scan id>' --queries-file dane.sql).
-- Every output column is a metric key of report.md, `unknown.<key>` or `unreached.<reason>` (Coverage).
-- TLSA records and their verdicts are per mail server (mail_server_results, one row per
-- (MX host, IP), shared by the domains that use it): this joins each domain's usable MX hosts
-- and their addresses (domain_results.mx_hosts) to it on (scan_id, host, ip), both read with FINAL.
-- The TLSA lookup is part of the mail-server stage: a host without a row (not probed, --no-smtp)
-- or with a failed lookup has TLSA unknown, never "no TLSA".
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
    ),
    endpoints AS (
        -- one row per (domain, MX host, address); a host without addresses keeps one row, ip '';
        -- a domain without usable hosts keeps one row, host ''
        SELECT domain, if(empty(hosts), '', trim(TRAILING '.' FROM lower(h.name))) AS host, ip
        FROM domains
        LEFT ARRAY JOIN hosts AS h
        LEFT ARRAY JOIN arrayConcat(h.ipv4, h.ipv6) AS ip
    ),
    probes AS (
        -- flags per (host, ip); an address missing here joins as all false (LEFT JOIN defaults)
        SELECT host, ip,
               -- the host has TLSA records at _25._tcp.<host>
               tlsa_status = 'present' AS has_tlsa,
               -- the TLSA lookup gave an answer: records or none
               tlsa_status IN ('present', 'absent', 'invalid') AS tlsa_decided,
               -- the address matched its DNSSEC-secure TLSA
               coalesce(dane_valid, false) AND tlsa_dnssec = 'secure' AS matched,
               -- the address failed DANE validation
               NOT coalesce(dane_valid, true) AS failed,
               -- DANE is refuted for the address: a failed match, or TLSA that is not DNSSEC-secure
               failed OR (tlsa_status = 'present' AND tlsa_dnssec IN ('insecure', 'bogus')) AS refuted
        FROM mail_server_results FINAL
        WHERE scan_id = {scan:String}
    ),
    per_domain AS (
        -- one GROUP BY over the endpoints instead of per (domain, host) then per domain: a host
        -- counts in tlsa_hosts when any of its addresses has TLSA; it is DANE-valid when at least
        -- one address matched its DNSSEC-secure TLSA and no address failed, so "every host valid"
        -- is "every host has a matching address" and "no address of the domain failed"
        SELECT e.domain AS domain,
               uniqExactIf(e.host, e.host != '') AS hosts,
               uniqExactIf(e.host, p.has_tlsa) AS tlsa_hosts,
               uniqExactIf(e.host, p.tlsa_decided) AS decided_hosts,
               uniqExactIf(e.host, p.tlsa_decided AND NOT p.has_tlsa) AS no_tlsa_hosts,
               uniqExactIf(e.host, p.matched) AS matched_hosts,
               countIf(p.failed) AS failed_endpoints,
               countIf(p.refuted) AS refuted_endpoints
        FROM endpoints AS e
        LEFT JOIN probes AS p ON p.host = e.host AND p.ip = e.ip
        GROUP BY e.domain
    ),
    classified AS (
        SELECT *,
               hosts > 0 AND matched_hosts = hosts AND failed_endpoints = 0 AS valid,
               -- when no mail server of the scan had its TLSA looked up, nothing here is measured
               (SELECT countIf(tlsa_status IN ('present', 'absent', 'invalid'))
                FROM mail_server_results FINAL WHERE scan_id = {scan:String}) = 0 AS not_probed
        FROM per_domain
    )
SELECT
    -- dane.present: TLSA on at least one MX host (the seed's "has DANE record")
    countIf(tlsa_hosts > 0)                                         AS `dane.present`,
    -- dane.all: TLSA on every usable MX host
    countIf(tlsa_hosts > 0 AND tlsa_hosts = hosts)                  AS `dane.all`,
    -- dane.valid: every usable MX host has DNSSEC-secure TLSA matching its certificate
    countIf(valid)                                                  AS `dane.valid`,
    -- coverage: present is undecided while no host has TLSA and some host's lookup gave no answer;
    -- all while no host is known to lack TLSA and some are undecided; valid while it is neither
    -- shown (every host matched) nor refuted (a failed match, a host without TLSA)
    if(any(not_probed), count(),
       countIf(hosts > 0 AND tlsa_hosts = 0 AND decided_hosts < hosts)) AS `unknown.dane.present`,
    if(any(not_probed), count(),
       countIf(hosts > 0 AND no_tlsa_hosts = 0 AND decided_hosts < hosts)) AS `unknown.dane.all`,
    if(any(not_probed), count(),
       countIf(hosts > 0 AND NOT valid AND refuted_endpoints = 0 AND no_tlsa_hosts = 0
               AND matched_hosts < hosts AND (decided_hosts < hosts OR tlsa_hosts > matched_hosts))) AS `unknown.dane.valid`,
    -- why: the domain's TLSA could not be looked up for some host (no probe row, or a failed lookup)
    if(any(not_probed), count(), 0)                                 AS `unreached.option`,
    if(any(not_probed), 0, countIf(hosts > 0 AND decided_hosts < hosts)) AS `unreached.not_looked_up`
FROM classified
