-- DNSSEC: signed at the parent and the validation verdict, base `all`.
-- Parameter {scan:String}: the scan id (clickhouse client --param_scan='<scan id>' --queries-file dnssec_ns.sql).
-- Every output column is a metric key of report.md. One pass over domain_results FINAL.
-- The NS provider breakdown of the same slide is ns_provider.sql.
SELECT
    -- dnssec.signed: a DS record set at the parent
    countIf(dnssec_signed = 'present')                              AS `dnssec.signed`,
    -- dnssec.secure: the domain's answers validate from the trust anchor
    countIf(dnssec_validation = 'secure')                           AS `dnssec.secure`,
    -- dnssec.bogus: the domain's answers fail validation
    countIf(dnssec_validation = 'bogus')                            AS `dnssec.bogus`,
    -- coverage: a DS lookup that failed, a verdict that could not be reached (indeterminate, or
    -- not_checked with --dnssec off) on a domain that exists
    countIf(status = 'error' OR status != 'nxdomain' AND dnssec_signed NOT IN ('present', 'absent', 'invalid')) AS `unknown.dnssec.signed`,
    countIf(status = 'error' OR status != 'nxdomain' AND dnssec_validation NOT IN ('secure', 'insecure', 'bogus')) AS `unknown.dnssec.secure`,
    `unknown.dnssec.secure`                                         AS `unknown.dnssec.bogus`,
    -- why: the kind of the domain's first failed DNS query (errors), one reason per domain
    countIf((status = 'error') AND errors[1].kind = 'timeout')                AS `unreached.timeout`,
    countIf((status = 'error') AND errors[1].kind = 'refused')                AS `unreached.refused`,
    countIf((status = 'error') AND errors[1].kind = 'servfail')                AS `unreached.servfail`,
    countIf((status = 'error') AND errors[1].kind NOT IN ('timeout', 'refused', 'servfail')) AS `unreached.error`
FROM domain_results FINAL
WHERE scan_id = {scan:String}
