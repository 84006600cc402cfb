-- STARTTLS and SMTP software, base `mx`; and the size of the base `starttls`.
-- Parameter {scan:String}: the scan id (clickhouse client --param_scan='<scan id>' --queries-file starttls.sql).
-- Every output column is a metric key of report.md, or `base.<name>`.
-- Mail servers are probed once per (MX host, IP) and shared by every domain that uses them, so
-- this joins each domain's usable MX hosts and their addresses (domain_results.mx_hosts) to
-- mail_server_results on (scan_id, host, ip), both read with FINAL.
-- A host "did TLS" when at least one of its addresses accepted STARTTLS and completed the
-- handshake; a host was "reached" when at least one of its addresses accepted the connection.
-- Not-yet-probed or unreachable hosts are unknown, not "no STARTTLS" (checks.md): a domain whose
-- MX hosts were never reached is in none of the three starttls buckets.
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
        SELECT host, ip,
               connect = 'ok' AS reached,
               starttls = 'accepted' AND tls = 'ok' AS did_tls,
               if(software NOT IN ('', 'unknown'), software, '') AS software
        FROM mail_server_results FINAL
        WHERE scan_id = {scan:String}
          -- the rest (not reached, no TLS, no software) would join as all false / '', like an
          -- address not probed: leaving them out keeps the right side of the join small
          AND (connect = 'ok' OR (starttls = 'accepted' AND tls = 'ok') OR software NOT IN ('', 'unknown'))
    ),
    per_domain AS (
        -- one GROUP BY over the endpoints instead of per (domain, host) then per domain: a host
        -- counts as reached (did TLS) when any of its addresses was reached (did TLS), i.e. the
        -- number of distinct hosts among the endpoints that were reached (did TLS)
        SELECT e.domain AS domain,
               uniqExact(e.host) AS hosts,
               uniqExactIf(e.host, p.reached) AS reached_hosts,
               uniqExactIf(e.host, p.did_tls) AS tls_hosts,
               groupUniqArrayIf(p.software, p.software != '') AS software
        FROM endpoints AS e
        LEFT JOIN probes AS p ON p.host = e.host AND p.ip = e.ip
        GROUP BY e.domain
    )
SELECT
    -- base `starttls`: domains in `mail` where at least one MX host completed a TLS handshake
    countIf(tls_hosts > 0)                                          AS `base.starttls`,
    -- starttls.all: every usable MX host did STARTTLS + handshake
    countIf(tls_hosts > 0 AND tls_hosts = hosts)                    AS `starttls.all`,
    -- starttls.some: some but not all of them
    countIf(tls_hosts > 0 AND tls_hosts < hosts)                    AS `starttls.some`,
    -- starttls.none: at least one host answered, none did STARTTLS + handshake
    countIf(tls_hosts = 0 AND reached_hosts > 0)                    AS `starttls.none`,
    -- smtp.software.*: any MX host of the domain reports that software (from greeting and EHLO)
    countIf(has(software, 'exim'))                                  AS `smtp.software.exim`,
    countIf(has(software, 'postfix'))                               AS `smtp.software.postfix`,
    countIf(has(software, 'exchange'))                              AS `smtp.software.exchange`,
    countIf(has(software, 'sendmail'))                              AS `smtp.software.sendmail`,
    countIf(has(software, 'other'))                                 AS `smtp.software.other`,
    countIf(has(software, 'hidden'))                                AS `smtp.software.hidden`
FROM per_domain
