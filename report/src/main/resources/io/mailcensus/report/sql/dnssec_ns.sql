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
    countIf(dnssec_validation = 'bogus')                            AS `dnssec.bogus`
FROM domain_results FINAL
WHERE scan_id = {scan:String}
