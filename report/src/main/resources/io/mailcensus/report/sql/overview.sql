-- Overview: the scan's domains and the per-domain DNS/HTTP checks whose base is `all`.
-- Parameter {scan:String}: the scan id. Run it as it is with
--   clickhouse client --param_scan='<scan id>' --queries-file overview.sql
-- Every output column is a metric key of report.md, or `base.<name>`: the size of a base.
-- One pass over domain_results FINAL (FINAL: a re-delivered result is counted once, before merges).
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
    countIf(sip_federation_status = 'present')                      AS `sip_federation`
FROM domain_results FINAL
WHERE scan_id = {scan:String}
