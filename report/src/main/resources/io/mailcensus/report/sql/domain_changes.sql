-- The change feed: one row per change of one fact of one domain between two
-- consecutive results of that domain (ordered by when they finished, whichever scan or rolling
-- round they came from). Read by `mailcensus report --changes` (changes.sql).
-- Facts, as text, so that one feed holds them all:
--   dmarc_policy   none|quarantine|reject when a DMARC record is present, else dmarc_status
--   spf_all        the SPF `all` qualifier when an SPF record is present, else spf_status
--   dnssec         dnssec_validation (secure, insecure, bogus, indeterminate, ...)
--   mta_sts_mode   the policy's mode when a policy was fetched, else mta_sts_status
--   mx_provider / ns_provider   the sorted, distinct registrable domains of the MX / NS hosts
--   starttls       all|some|none of the usable MX hosts did STARTTLS + handshake; unknown: none reached
--   certificate    valid|expired|invalid over the MX hosts' certificates (TLS done); unknown: no TLS
--   dane           valid|failed|none over the MX hosts' addresses with TLSA records
-- `before` and `after` are the fact's values; 'error' or 'unknown' on either side is a change
-- of what could be measured, not of the domain, and is kept: filter it if you wish.
-- No parameters: `mailcensus sql "$(cat domain_changes.sql)"`, or make it a view on your server:
-- CREATE VIEW domain_changes AS <this file>. changes.sql reads it as a subquery named domain_changes.
-- Read without FINAL on the outside: the inside reads both tables with FINAL.
WITH
    endpoints AS (
        -- one row per (scan, domain, usable MX host, address); a host without addresses keeps ip ''
        SELECT scan_id, domain, trim(TRAILING '.' FROM lower(h.name)) AS host, ip
        FROM domain_results FINAL
        ARRAY JOIN arrayFilter(h -> h.name NOT IN ('', '.')
                                    AND splitByChar('.', h.name)[1] != 'localhost'
                                    AND NOT (notEmpty(arrayConcat(h.ipv4, h.ipv6))
                                             AND arrayAll(a -> a IN ('127.0.0.1', '::1'), arrayConcat(h.ipv4, h.ipv6))),
                               mx_hosts) AS h
        LEFT ARRAY JOIN arrayConcat(h.ipv4, h.ipv6) AS ip
        WHERE NOT mx_null_mx
    ),
    probes AS (
        SELECT scan_id, host, ip,
               connect = 'ok' AS reached,
               starttls = 'accepted' AND tls = 'ok' AS did_tls,
               coalesce(expired, false) AS cert_expired,
               NOT coalesce(pkix_valid, true) AS cert_invalid,
               tlsa_status = 'present' AS has_tlsa,
               coalesce(dane_valid, false) AS dane_ok,
               NOT coalesce(dane_valid, true) AS dane_failed
        FROM mail_server_results FINAL
    ),
    mail AS (
        SELECT e.scan_id AS scan_id, e.domain AS domain,
               uniqExact(e.host) AS hosts,
               uniqExactIf(e.host, p.reached) AS reached_hosts,
               uniqExactIf(e.host, p.did_tls) AS tls_hosts,
               countIf(p.did_tls AND p.cert_expired) AS expired_certs,
               countIf(p.did_tls AND p.cert_invalid) AS invalid_certs,
               countIf(p.has_tlsa) AS tlsa_endpoints,
               countIf(p.dane_ok) AS dane_ok,
               countIf(p.dane_failed) AS dane_failed
        FROM endpoints AS e
        LEFT JOIN probes AS p ON p.scan_id = e.scan_id AND p.host = e.host AND p.ip = e.ip
        GROUP BY e.scan_id, e.domain
    ),
    facts AS (
        SELECT d.domain AS domain, d.scan_id AS scan_id, d.finished_at AS finished_at,
               [
                   ('dmarc_policy', if(d.dmarc_status = 'present', lower(coalesce(d.dmarc_p, '')), toString(d.dmarc_status))),
                   ('spf_all', if(d.spf_status = 'present', toString(d.spf_all), toString(d.spf_status))),
                   ('dnssec', toString(d.dnssec_validation)),
                   ('mta_sts_mode', if(d.mta_sts_policy_status = 'present', lower(coalesce(d.mta_sts_mode, '')),
                                       toString(d.mta_sts_status))),
                   ('mx_provider', arrayStringConcat(arraySort(arrayDistinct(d.mx_providers)), ',')),
                   ('ns_provider', arrayStringConcat(arraySort(arrayDistinct(d.ns_providers)), ',')),
                   ('starttls', multiIf(m.hosts = 0, 'no mail servers', m.tls_hosts = m.hosts, 'all',
                                        m.tls_hosts > 0, 'some', m.reached_hosts > 0, 'none', 'unknown')),
                   ('certificate', multiIf(m.tls_hosts = 0, 'unknown', m.expired_certs > 0, 'expired',
                                           m.invalid_certs > 0, 'invalid', 'valid')),
                   ('dane', multiIf(m.tlsa_endpoints = 0, 'none', m.dane_failed > 0, 'failed',
                                    m.dane_ok > 0, 'valid', 'unknown'))
               ] AS kv
        FROM domain_results AS d FINAL
        LEFT JOIN mail AS m ON m.scan_id = d.scan_id AND m.domain = d.domain
    )
SELECT domain, what, before, after, before_scan, scan_id, changed_at
FROM (
    SELECT domain, kv.1 AS what, kv.2 AS after, scan_id, finished_at AS changed_at,
           lagInFrame(kv.2) OVER w AS before,
           lagInFrame(scan_id) OVER w AS before_scan,
           row_number() OVER w AS n
    FROM facts
    ARRAY JOIN kv
    WINDOW w AS (PARTITION BY domain, kv.1 ORDER BY finished_at, scan_id
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
WHERE n > 1 AND before != after
