-- Research questions in SQL, over the store's views (README, "Asking questions in SQL").
-- Run one with:   ./mailcensus sql "$(sed -n '/^-- 3\./,/;$/p' examples/queries.sql)"
-- or against serve / a ClickHouse server with curl --data-binary. Every query here is run by
-- ExampleQueriesIT (store module) against a real embedded store, so none can rot.
--
-- latest_domain_results / latest_mail_server_results: the latest *finished* scan, deduplicated.
-- latest_domain_mail_servers / domain_mail_servers: one row per domain, MX host and address,
-- joined to what the SMTP probe of that (host, ip) found. DESCRIBE a table to see what each
-- column means and which values it takes. Status columns are present / absent / invalid / error
-- / not_checked, and error (a timeout, SERVFAIL) is unknown, never absent.

-- 1. DMARC policy by MX provider (the registrable domain of the MX hosts), largest providers first.
SELECT provider,
       count() AS domains,
       countIf(dmarc_p = 'reject') AS reject,
       countIf(dmarc_p = 'quarantine') AS quarantine,
       countIf(dmarc_p = 'none') AS none,
       countIf(dmarc_status != 'present') AS no_valid_record,
       round(100 * reject / domains, 1) AS reject_pct
FROM latest_domain_results
ARRAY JOIN arrayDistinct(mx_providers) AS provider
GROUP BY provider
ORDER BY domains DESC, provider
LIMIT 20;

-- 2. DNSSEC share by NS operator: signed (DS at the parent) and validating secure.
SELECT operator,
       count() AS domains,
       countIf(dnssec_signed = 'present') AS signed,
       countIf(dnssec_validation = 'secure') AS secure,
       countIf(dnssec_validation = 'bogus') AS bogus,
       round(100 * signed / domains, 1) AS signed_pct
FROM latest_domain_results
ARRAY JOIN arrayDistinct(ns_providers) AS operator
GROUP BY operator
ORDER BY domains DESC, operator
LIMIT 20;

-- 3. Domains whose SPF record ends in +all (anyone may send as them).
SELECT domain, spf_records
FROM latest_domain_results
WHERE spf_all = 'pass'
ORDER BY domain;

-- 4. Domains that lost DMARC reject between the two latest finished scans.
WITH (SELECT groupArray(id) FROM (SELECT id FROM scans FINAL WHERE state = 'finished'
                                  ORDER BY finished DESC, id DESC LIMIT 2)) AS last_two
SELECT prev.domain AS domain, prev.dmarc_p AS was, cur.dmarc_p AS now_p, cur.dmarc_status AS now_status
FROM (SELECT domain, dmarc_p FROM domain_results FINAL WHERE scan_id = last_two[2]) AS prev
INNER JOIN (SELECT domain, dmarc_p, dmarc_status FROM domain_results FINAL WHERE scan_id = last_two[1]) AS cur
    USING (domain)
WHERE prev.dmarc_p = 'reject' AND ifNull(cur.dmarc_p, '') != 'reject'
ORDER BY domain;

-- 5. Domains with an MX host that said it has no STARTTLS (EHLO without it, or a 5xx to it).
--    Hosts that could not be asked (refused, timeout, 4xx) are unknown and not counted here.
SELECT domain, groupUniqArray(mx_host) AS hosts_without_starttls
FROM latest_domain_mail_servers
WHERE starttls IN ('not_offered', 'refused')
GROUP BY domain
ORDER BY domain;

-- 6. Who issues the mail servers' certificates: issuer organisation by domains served.
SELECT ifNull(issuer_org, '(none)') AS issuer, uniqExact(domain) AS domains, uniqExact(mx_host) AS mx_hosts
FROM latest_domain_mail_servers
WHERE tls = 'ok'
GROUP BY issuer
ORDER BY domains DESC, issuer
LIMIT 20;

-- 7. Mail server software, by (host, address) reached and by domains that use it.
SELECT software, uniqExact(mx_host, ip) AS servers, uniqExact(domain) AS domains
FROM latest_domain_mail_servers
WHERE connect = 'ok'
GROUP BY software
ORDER BY servers DESC, software;

-- 8. MX certificates that expire within 30 days of the scan (or already have), with the domains they serve.
SELECT mx_host, ip, not_after, groupUniqArray(domain) AS domains
FROM latest_domain_mail_servers
WHERE tls = 'ok' AND not_after < (SELECT started FROM latest_finished_scan) + INTERVAL 30 DAY
GROUP BY mx_host, ip, not_after
ORDER BY not_after, mx_host;

-- 9. DANE: domains whose MX hosts publish TLSA, and whether every probed address matched it.
SELECT domain,
       groupUniqArray(mx_host) AS hosts_with_tlsa,
       countIf(dane_valid) AS addresses_matching,
       countIf(dane_valid = false) AS addresses_not_matching,
       countIf(tlsa_dnssec != 'secure') AS tlsa_not_secure
FROM latest_domain_mail_servers
WHERE tlsa_status = 'present'
GROUP BY domain
ORDER BY domain;

-- 10. MTA-STS: policy modes and how many policies are effective (enforce, MX match, valid certificates).
SELECT ifNull(mta_sts_mode, '(no policy)') AS mode,
       count() AS domains,
       countIf(mta_sts_effective) AS effective,
       countIf(mta_sts_policy_status = 'error') AS fetch_failed
FROM latest_domain_results
WHERE mta_sts_status = 'present'
GROUP BY mode
ORDER BY domains DESC, mode;

-- 11. DMARC monitoring only: p=none with aggregate reports, and where those reports go.
SELECT rua, count() AS domains
FROM latest_domain_results
ARRAY JOIN dmarc_rua AS rua
WHERE dmarc_p = 'none'
GROUP BY rua
ORDER BY domains DESC, rua
LIMIT 20;

-- 12. The DMARC reject share of every finished scan, oldest first (a trend).
SELECT s.id AS scan, s.finished AS finished, count() AS domains,
       round(100 * countIf(d.dmarc_p = 'reject') / count(), 2) AS reject_pct
FROM domain_results AS d FINAL
INNER JOIN (SELECT id, finished FROM scans FINAL WHERE state = 'finished') AS s ON d.scan_id = s.id
GROUP BY scan, finished
ORDER BY finished, scan;

-- 13. What could not be measured: failed DNS queries of the latest scan by record type and kind.
SELECT e.qtype AS qtype, e.kind AS kind, count() AS queries, uniqExact(domain) AS domains
FROM latest_domain_results
ARRAY JOIN errors AS e
GROUP BY qtype, kind
ORDER BY queries DESC, qtype, kind;
