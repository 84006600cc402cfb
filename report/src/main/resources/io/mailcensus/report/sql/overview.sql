-- Overview: the scan's domains and the per-domain DNS/HTTP checks whose base is `all`.
-- Parameter {scan:String}: the scan id. Run it as it is with
--   clickhouse client --param_scan='<scan id>' --queries-file overview.sql
-- Every output column is a metric key of report.md, or `base.<name>`: the size of a base.
-- One pass over domain_results FINAL (FINAL: a re-delivered result is counted once, before merges).
-- Coverage (report.md): `unknown.<key>` counts the domains of the base the metric could not decide;
-- `unreached.<reason>` the domains whose scan ended in error, by the kind of their first failed query.
-- A DNS check is decided when its status is a verdict (present / absent / invalid) or the domain
-- does not exist (nxdomain: no records); error and not_checked on a scanned domain are unknown.
-- The HTTPS checks (security.txt, Microsoft 365) need a probe: when no domain of the scan got a
-- security.txt verdict (--no-http, or no web server could be asked) nothing of them is measured.
WITH
    -- web probes ran in this scan: some security.txt verdict, or a domain whose web probes are still
    -- queued (web_pending: its web checks are then unknown, the figures partial, until they land)
    (SELECT countIf(security_txt_status IN ('valid', 'present_invalid', 'absent') OR web_pending)
     FROM domain_results FINAL WHERE scan_id = {scan:String}) AS http_verdicts,
    (status = 'nxdomain') AS gone,
    -- a domain whose scan ended in error decided nothing, whatever its check columns say
    (status = 'error') AS failed
SELECT
    -- base `all`: every domain of the scan, nxdomain and error included
    count()                                                         AS `base.all`,
    -- domains.total: the same set, reported as a metric
    count()                                                         AS `domains.total`,
    -- domains.error: the domain could not be scanned at all (status error: timeouts, SERVFAIL ...)
    countIf(status = 'error')                                       AS `domains.error`,
    -- idn: any label of the name starts with xn--
    countIf(idn)                                                    AS `idn`,
    -- caa: at least one CAA record (RFC 8659)
    countIf(caa_status = 'present')                                 AS `caa`,
    -- security_txt.valid: RFC 9116 valid (Contact, Expires in the future, text/plain)
    countIf(security_txt_status = 'valid')                          AS `security_txt.valid`,
    -- security_txt.present: any response that claims to be security.txt, valid or not
    countIf(security_txt_status IN ('valid', 'present_invalid'))    AS `security_txt.present`,
    -- m365.tenant: the Microsoft 365 OpenID document exists for the domain
    countIf(m365_status = 'present')                                AS `m365.tenant`,
    -- m365.tenants_unique: distinct tenant ids (not a domain count; reported without pct)
    uniqExactIf(m365_tenant_id, m365_tenant_id != '')               AS `m365.tenants_unique`,
    -- autodiscover / lyncdiscover / sip_federation: the record (CNAME, A or SRV) is present
    countIf(autodiscover_status = 'present')                        AS `autodiscover`,
    countIf(lyncdiscover_status = 'present')                        AS `lyncdiscover`,
    countIf(sip_federation_status = 'present')                      AS `sip_federation`,
    0                                                               AS `unknown.domains.total`,
    0                                                               AS `unknown.domains.error`,
    0                                                               AS `unknown.idn`,
    countIf(failed OR NOT gone AND caa_status NOT IN ('present', 'absent', 'invalid')) AS `unknown.caa`,
    if(http_verdicts = 0, count(),
       countIf(failed OR NOT gone AND security_txt_status NOT IN ('valid', 'present_invalid', 'absent'))) AS `unknown.security_txt.valid`,
    `unknown.security_txt.valid`                                    AS `unknown.security_txt.present`,
    -- Microsoft 365 is asked where DNS points to it (m365_evidence): a domain without evidence is
    -- decided "no tenant" by DNS; one with evidence and no verdict is unknown
    if(http_verdicts = 0, count(),
       countIf(failed OR NOT gone AND (m365_status = 'error'
                             OR (m365_status = 'not_checked' AND notEmpty(m365_evidence))))) AS `unknown.m365.tenant`,
    countIf(failed OR NOT gone AND autodiscover_status NOT IN ('present', 'absent', 'invalid')) AS `unknown.autodiscover`,
    countIf(failed OR NOT gone AND lyncdiscover_status NOT IN ('present', 'absent', 'invalid')) AS `unknown.lyncdiscover`,
    countIf(failed OR NOT gone AND sip_federation_status NOT IN ('present', 'absent', 'invalid')) AS `unknown.sip_federation`,
    -- why: the kind of the domain's first failed DNS query (errors), one reason per domain
    countIf((status = 'error') AND errors[1].kind = 'timeout')                AS `unreached.timeout`,
    countIf((status = 'error') AND errors[1].kind = 'refused')                AS `unreached.refused`,
    countIf((status = 'error') AND errors[1].kind = 'servfail')                AS `unreached.servfail`,
    countIf((status = 'error') AND errors[1].kind NOT IN ('timeout', 'refused', 'servfail')) AS `unreached.error`
FROM domain_results FINAL
WHERE scan_id = {scan:String}
