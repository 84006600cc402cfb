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
        SELECT host, ip, connect, starttls, tls, software
        FROM mail_server_results FINAL
        WHERE scan_id = {scan:String}
    ),
    per_host AS (
        SELECT e.domain AS domain,
               e.host AS host,
               max(p.connect = 'ok') AS reached,
               max(p.starttls = 'accepted' AND p.tls = 'ok') AS did_tls,
               groupUniqArrayIf(p.software, p.software NOT IN ('', 'unknown')) AS software
        FROM endpoints AS e
        LEFT JOIN probes AS p ON p.host = e.host AND p.ip = e.ip
        GROUP BY e.domain, e.host
    ),
    per_domain AS (
        SELECT domain,
               count() AS hosts,
               countIf(reached) AS reached_hosts,
               countIf(did_tls) AS tls_hosts,
               arrayDistinct(arrayFlatten(groupArray(software))) AS software
        FROM per_host
        GROUP BY domain
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
