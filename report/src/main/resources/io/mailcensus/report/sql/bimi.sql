-- BIMI, base `mx`.
-- Parameter {scan:String}: the scan id (clickhouse client --param_scan='<scan id>' --queries-file bimi.sql).
-- Every output column is a metric key of report.md. One pass over domain_results FINAL.
WITH
    (mx_status = 'present' OR mx_null_mx OR mx_localhost) AS has_mx,
    -- coverage: the default._bimi lookup failed or was not made
    (has_mx AND bimi_status NOT IN ('present', 'absent', 'invalid')) AS bimi_unknown
SELECT
    -- bimi.record: a valid v=BIMI1 record at default._bimi
    countIf(has_mx AND bimi_status = 'present')                     AS `bimi.record`,
    -- bimi.certificate: that record carries a= evidence (VMC/CMC URL)
    countIf(has_mx AND bimi_status = 'present'
            AND coalesce(bimi_evidence, '') != '')                  AS `bimi.certificate`,
    countIf(bimi_unknown)                                           AS `unknown.bimi.record`,
    countIf(bimi_unknown)                                           AS `unknown.bimi.certificate`,
    -- why: the kind of the domain's first failed DNS query (errors), one reason per domain
    countIf((bimi_unknown) AND errors[1].kind = 'timeout')                AS `unreached.timeout`,
    countIf((bimi_unknown) AND errors[1].kind = 'refused')                AS `unreached.refused`,
    countIf((bimi_unknown) AND errors[1].kind = 'servfail')                AS `unreached.servfail`,
    countIf((bimi_unknown) AND errors[1].kind NOT IN ('timeout', 'refused', 'servfail')) AS `unreached.error`
FROM domain_results FINAL
WHERE scan_id = {scan:String}
