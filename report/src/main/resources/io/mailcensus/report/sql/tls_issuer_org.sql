-- Breakdown tls.issuer_org: the O= of the issuer of the leaf certificate that the domain's MX
-- hosts presented after STARTTLS, base `starttls`. A domain counts once per issuer organisation.
-- Joins domain_results.mx_hosts (names and addresses) to mail_server_results on
-- (scan_id, host, ip), both read with FINAL.
-- `covered`: the domains in at least one listed row (the report's `other` row is base - covered).
-- Parameters {scan:String} (the scan id) and {top:UInt32} (how many rows), e.g.
--   clickhouse client --param_scan='<scan id>' --param_top=10 --queries-file tls_issuer_org.sql
WITH
    endpoints AS (
        -- one row per (domain, usable MX host, address): not the null MX, not localhost (name or
        -- loopback-only addresses); no DISTINCT: a repeated row changes no uniqExact(domain)
        SELECT domain, trim(TRAILING '.' FROM lower(h.name)) AS host, ip
        FROM domain_results FINAL
        ARRAY JOIN arrayFilter(h -> h.name NOT IN ('', '.')
                                    AND splitByChar('.', h.name)[1] != 'localhost'
                                    AND NOT (notEmpty(arrayConcat(h.ipv4, h.ipv6))
                                             AND arrayAll(a -> a IN ('127.0.0.1', '::1'), arrayConcat(h.ipv4, h.ipv6))),
                               mx_hosts) AS h
        ARRAY JOIN arrayConcat(h.ipv4, h.ipv6) AS ip
        WHERE scan_id = {scan:String}
          AND (mx_status = 'present' OR mx_null_mx OR mx_localhost)
          AND NOT mx_null_mx
    ),
    probes AS (
        -- chain is leaf first
        SELECT host, ip, coalesce(chain[1].issuer_org, '') AS issuer_org
        FROM mail_server_results FINAL
        WHERE scan_id = {scan:String}
          AND starttls = 'accepted' AND tls = 'ok' AND notEmpty(chain)
          AND coalesce(chain[1].issuer_org, '') != ''
    ),
    pairs AS (
        SELECT e.domain AS domain, p.issuer_org AS name
        FROM endpoints AS e
        INNER JOIN probes AS p ON p.host = e.host AND p.ip = e.ip
    ),
    top AS (
        SELECT name, uniqExact(domain) AS domains FROM pairs GROUP BY name ORDER BY domains DESC, name ASC
        LIMIT {top:UInt32}
    )
SELECT name, domains, (SELECT uniqExact(domain) FROM pairs WHERE name IN (SELECT name FROM top)) AS covered
FROM top
ORDER BY domains DESC, name ASC
