-- SPF, DKIM and DMARC, base `mx` (domains with at least one MX record, null MX and localhost included).
-- Parameter {scan:String}: the scan id (clickhouse client --param_scan='<scan id>' --queries-file spf_dkim_dmarc.sql).
-- Every output column is a metric key of report.md. One pass over domain_results FINAL.
-- Each numerator is restricted to has_mx, so it is a subset of its base.
WITH
    (mx_status = 'present' OR mx_null_mx OR mx_localhost) AS has_mx,
    -- spf: one or more TXT records starting with the v=spf1 token (several = spf.multiple)
    (spf_status = 'present' OR notEmpty(spf_records)) AS has_spf,
    -- dmarc: exactly one v=DMARC1 record that parses
    (dmarc_status = 'present') AS has_dmarc,
    -- coverage: the TXT lookup failed (error) or was not made (not_checked)
    (has_mx AND NOT has_spf AND spf_status NOT IN ('present', 'absent', 'invalid')) AS spf_unknown,
    (has_mx AND dkim_status IN ('error', 'not_checked')) AS dkim_unknown,
    (has_mx AND dmarc_status NOT IN ('present', 'absent', 'invalid')) AS dmarc_unknown
SELECT
    countIf(has_mx AND has_spf)                                     AS `spf.present`,
    -- spf.all.*: the qualifier of the record's `all` mechanism
    countIf(has_mx AND has_spf AND spf_all = 'fail')                AS `spf.all.fail`,
    countIf(has_mx AND has_spf AND spf_all = 'softfail')            AS `spf.all.softfail`,
    countIf(has_mx AND has_spf AND spf_all = 'neutral')             AS `spf.all.neutral`,
    countIf(has_mx AND has_spf AND spf_all = 'pass')                AS `spf.all.pass`,
    -- spf.redirect: the record has a redirect= modifier
    countIf(has_mx AND has_spf AND coalesce(spf_redirect, '') != '') AS `spf.redirect`,
    -- spf.no_mail: the record is exactly `v=spf1 -all`
    countIf(has_mx AND has_spf AND spf_no_mail)                     AS `spf.no_mail`,
    -- spf.multiple: more than one v=spf1 record
    countIf(has_mx AND spf_multiple)                                AS `spf.multiple`,
    -- spf.too_many_lookups: more than 10 DNS-querying terms, counted recursively (RFC 7208 4.6.4)
    countIf(has_mx AND has_spf AND coalesce(spf_dns_terms, 0) > 10) AS `spf.too_many_lookups`,
    -- spf.permerror: check_host() gives permerror for any reason. Several records and too many
    -- lookups are permerrors by RFC 7208 whether or not the worker filed a reason for them.
    countIf(has_mx AND has_spf AND (spf_permerror IS NOT NULL
                                    OR lower(coalesce(spf_eval_result, '')) = 'permerror'
                                    OR spf_multiple
                                    OR coalesce(spf_dns_terms, 0) > 10)) AS `spf.permerror`,
    -- dkim.found: a valid key record at one of the known selectors
    countIf(has_mx AND dkim_status = 'found')                       AS `dkim.found`,
    -- dkim.likely: the _domainkey node exists (NOERROR/NODATA, RFC 8020). A found key implies the
    -- node exists, so found domains are counted here too: dkim.likely >= dkim.found.
    countIf(has_mx AND dkim_status IN ('found', 'likely'))          AS `dkim.likely`,
    countIf(has_mx AND has_dmarc)                                   AS `dmarc.present`,
    -- dmarc.p.*: the p= policy of a valid record
    countIf(has_mx AND has_dmarc AND lower(dmarc_p) = 'none')       AS `dmarc.p.none`,
    countIf(has_mx AND has_dmarc AND lower(dmarc_p) = 'quarantine') AS `dmarc.p.quarantine`,
    countIf(has_mx AND has_dmarc AND lower(dmarc_p) = 'reject')     AS `dmarc.p.reject`,
    -- dmarc.rua: a valid record with at least one rua= address
    countIf(has_mx AND has_dmarc AND notEmpty(dmarc_rua))           AS `dmarc.rua`,
    -- dmarc.invalid: a v=DMARC1 record that does not parse
    countIf(has_mx AND dmarc_status = 'invalid')                    AS `dmarc.invalid`,
    countIf(spf_unknown) AS `unknown.spf.present`,
    countIf(spf_unknown) AS `unknown.spf.all.fail`,
    countIf(spf_unknown) AS `unknown.spf.all.softfail`,
    countIf(spf_unknown) AS `unknown.spf.all.neutral`,
    countIf(spf_unknown) AS `unknown.spf.all.pass`,
    countIf(spf_unknown) AS `unknown.spf.redirect`,
    countIf(spf_unknown) AS `unknown.spf.no_mail`,
    countIf(spf_unknown) AS `unknown.spf.multiple`,
    countIf(spf_unknown) AS `unknown.spf.too_many_lookups`,
    countIf(spf_unknown) AS `unknown.spf.permerror`,
    countIf(dkim_unknown) AS `unknown.dkim.found`,
    countIf(dkim_unknown) AS `unknown.dkim.likely`,
    countIf(dmarc_unknown) AS `unknown.dmarc.present`,
    countIf(dmarc_unknown) AS `unknown.dmarc.p.none`,
    countIf(dmarc_unknown) AS `unknown.dmarc.p.quarantine`,
    countIf(dmarc_unknown) AS `unknown.dmarc.p.reject`,
    countIf(dmarc_unknown) AS `unknown.dmarc.rua`,
    countIf(dmarc_unknown) AS `unknown.dmarc.invalid`,
    -- why: the kind of the domain's first failed DNS query (errors), one reason per domain
    countIf((spf_unknown OR dkim_unknown OR dmarc_unknown) AND errors[1].kind = 'timeout')                AS `unreached.timeout`,
    countIf((spf_unknown OR dkim_unknown OR dmarc_unknown) AND errors[1].kind = 'refused')                AS `unreached.refused`,
    countIf((spf_unknown OR dkim_unknown OR dmarc_unknown) AND errors[1].kind = 'servfail')                AS `unreached.servfail`,
    countIf((spf_unknown OR dkim_unknown OR dmarc_unknown) AND errors[1].kind NOT IN ('timeout', 'refused', 'servfail')) AS `unreached.error`
FROM domain_results FINAL
WHERE scan_id = {scan:String}
