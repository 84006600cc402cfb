-- MTA-STS and TLS-RPT, base `mx`.
-- Parameter {scan:String}: the scan id (clickhouse client --param_scan='<scan id>' --queries-file mta_sts_tlsrpt.sql).
-- Every output column is a metric key of report.md. One pass over domain_results FINAL; only
-- mta_sts.effective needs the mail servers' certificates, joined from mail_server_results FINAL
-- on (scan_id, host, ip) through each domain's usable MX hosts and their addresses.
-- Coverage (report.md): `unknown.<key>` and `unreached.<reason>`. The policy is fetched over HTTPS
-- only where the _mta-sts record exists: a failed fetch (error) or one not made (not_checked: the
-- host opted out, or --no-http) is unknown. When no domain of the scan got an HTTPS verdict (its
-- security.txt), the policy metrics are not measured; when no mail server completed TLS,
-- mta_sts.effective is not.
WITH
    -- web probes ran in this scan: some security.txt verdict, or a domain whose web probes are still
    -- queued (web_pending: its web checks are then unknown, the figures partial, until they land)
    (SELECT countIf(security_txt_status IN ('valid', 'present_invalid', 'absent') OR web_pending)
     FROM domain_results FINAL WHERE scan_id = {scan:String}) AS http_verdicts,
    (SELECT countIf(tls = 'ok') FROM mail_server_results FINAL WHERE scan_id = {scan:String}) AS tls_verdicts,
    domains AS (
        SELECT domain,
               (mx_status = 'present' OR mx_null_mx OR mx_localhost) AS has_mx,
               mta_sts_status, mta_sts_policy_status, mta_sts_mode, mta_sts_mx_match, tls_rpt_status, web_pending,
               -- usable MX hosts: not the null MX, not localhost (name or loopback-only addresses)
               arrayFilter(h -> h.name NOT IN ('', '.')
                                AND splitByChar('.', h.name)[1] != 'localhost'
                                AND NOT (notEmpty(arrayConcat(h.ipv4, h.ipv6))
                                         AND arrayAll(a -> a IN ('127.0.0.1', '::1'), arrayConcat(h.ipv4, h.ipv6))),
                           mx_hosts) AS hosts
        FROM domain_results FINAL
        WHERE scan_id = {scan:String}
    ),
    endpoints AS (
        -- one row per (domain, MX host, address) of the domains with a policy in enforce mode
        SELECT domain, trim(TRAILING '.' FROM lower(h.name)) AS host, ip
        FROM domains
        ARRAY JOIN hosts AS h
        LEFT ARRAY JOIN arrayConcat(h.ipv4, h.ipv6) AS ip
        WHERE has_mx AND mta_sts_policy_status = 'present' AND lower(mta_sts_mode) = 'enforce'
    ),
    probes AS (
        SELECT host, ip,
               starttls = 'accepted' AND tls = 'ok' AS did_tls,
               -- PKIX-valid for its name: chain valid, host name matches, not expired
               coalesce(pkix_valid, false) AND coalesce(hostname_match, false)
                   AND NOT coalesce(expired, false) AS cert_ok
        FROM mail_server_results FINAL
        WHERE scan_id = {scan:String}
    ),
    per_host AS (
        -- a host's certificate is valid when at least one address showed a valid one after TLS
        -- and no address showed an invalid one
        SELECT e.domain AS domain, e.host AS host,
               countIf(p.did_tls AND p.cert_ok) > 0 AND countIf(p.did_tls AND NOT p.cert_ok) = 0 AS cert_valid,
               countIf(p.did_tls AND NOT p.cert_ok) > 0 AS cert_invalid
        FROM endpoints AS e
        LEFT JOIN probes AS p ON p.host = e.host AND p.ip = e.ip
        GROUP BY e.domain, e.host
    ),
    certs AS (
        SELECT domain, count() AS hosts, countIf(cert_valid) AS valid_hosts, countIf(cert_invalid) AS invalid_hosts
        FROM per_host
        GROUP BY domain
    )
SELECT
    -- mta_sts.record: one v=STSv1 record at _mta-sts
    countIf(d.has_mx AND d.mta_sts_status = 'present')              AS `mta_sts.record`,
    -- mta_sts.policy_valid: the policy was fetched (HTTPS, PKIX, no redirects) and parses
    countIf(d.has_mx AND d.mta_sts_policy_status = 'present')       AS `mta_sts.policy_valid`,
    -- mta_sts.enforce: a valid policy in mode enforce
    countIf(d.has_mx AND d.mta_sts_policy_status = 'present'
            AND lower(d.mta_sts_mode) = 'enforce')                  AS `mta_sts.enforce`,
    -- mta_sts.effective: enforce, every MX host matches a policy pattern, and every usable MX
    -- host showed a PKIX-valid certificate for its name in the SMTP probe
    countIf(d.has_mx AND d.mta_sts_policy_status = 'present'
            AND lower(d.mta_sts_mode) = 'enforce'
            AND coalesce(d.mta_sts_mx_match, false)
            AND c.hosts > 0 AND c.valid_hosts = c.hosts)            AS `mta_sts.effective`,
    -- tls_rpt: one v=TLSRPTv1 record at _smtp._tls
    countIf(d.has_mx AND d.tls_rpt_status = 'present')              AS `tls_rpt`,
    countIf(d.has_mx AND d.mta_sts_status NOT IN ('present', 'absent', 'invalid')) AS `unknown.mta_sts.record`,
    if(http_verdicts = 0, countIf(d.has_mx),
       countIf(d.has_mx AND (d.mta_sts_status NOT IN ('present', 'absent', 'invalid')
                             OR (d.mta_sts_status = 'present'
                                 AND d.mta_sts_policy_status NOT IN ('present', 'absent', 'invalid'))))) AS `unknown.mta_sts.policy_valid`,
    `unknown.mta_sts.policy_valid`                                  AS `unknown.mta_sts.enforce`,
    -- effective is also undecided for an enforce policy whose MX certificates were not all seen
    -- (no host with an invalid one, some host not reached over TLS)
    if(http_verdicts = 0 OR tls_verdicts = 0, countIf(d.has_mx),
       countIf(d.has_mx AND (d.mta_sts_status NOT IN ('present', 'absent', 'invalid')
                             OR (d.mta_sts_status = 'present'
                                 AND d.mta_sts_policy_status NOT IN ('present', 'absent', 'invalid'))
                             OR (d.mta_sts_policy_status = 'present' AND lower(d.mta_sts_mode) = 'enforce'
                                 AND coalesce(d.mta_sts_mx_match, false)
                                 AND c.invalid_hosts = 0 AND c.valid_hosts < c.hosts)))) AS `unknown.mta_sts.effective`,
    countIf(d.has_mx AND d.tls_rpt_status NOT IN ('present', 'absent', 'invalid')) AS `unknown.tls_rpt`,
    -- why a domain with an _mta-sts record has no policy verdict, and failed DNS lookups
    countIf(d.has_mx AND d.mta_sts_status = 'present' AND d.mta_sts_policy_status NOT IN ('present', 'absent', 'invalid')
            AND http_verdicts = 0)                                  AS `unreached.option`,
    -- pending: the domain's DNS row is stored and its web probes have not landed yet (web_pending)
    countIf(d.has_mx AND d.mta_sts_status = 'present' AND d.mta_sts_policy_status = 'not_checked'
            AND http_verdicts > 0 AND NOT d.web_pending)             AS `unreached.opted_out`,
    countIf(d.has_mx AND d.mta_sts_status = 'present' AND d.mta_sts_policy_status = 'not_checked'
            AND http_verdicts > 0 AND d.web_pending)                 AS `unreached.pending`,
    countIf(d.has_mx AND d.mta_sts_status = 'present' AND d.mta_sts_policy_status = 'error'
            AND http_verdicts > 0)                                  AS `unreached.error`,
    countIf(d.has_mx AND (d.mta_sts_status NOT IN ('present', 'absent', 'invalid')
                          OR d.tls_rpt_status NOT IN ('present', 'absent', 'invalid'))) AS `unreached.dns_error`
FROM domains AS d
LEFT JOIN certs AS c ON c.domain = d.domain
