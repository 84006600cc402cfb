-- Rolling trend (report --trend): for each UTC day on which a domain result finished, every
-- metric that domain_results alone decides, over each domain's LATEST result as of the end of
-- that day, whichever scan it came from. That is the picture of the TLD a continuous rescan
-- gives on that day: a domain rescanned on Tuesday counts with Tuesday's result from Tuesday on.
-- No parameters: clickhouse client --queries-file trend_daily.sql
-- The definitions are those of overview.sql, dnssec_ns.sql, mx.sql, spf_dkim_dmarc.sql,
-- mta_sts_tlsrpt.sql and bimi.sql; the metrics that need the mail servers (starttls.*,
-- smtp.software.*, dane.*, mta_sts.effective, base starttls) are not in the daily series.
-- Three steps: each result row's metric flags (the definitions of those files, as 0/1);
-- per (day, domain) the flags of the latest result, argMax(flag, finished_at); per day, counts.
-- Flags rather than raw columns keep the aggregation states small (1M domains: seconds).
-- Flags are named m_<name> and middle-step columns qualified (f.) so that no alias of the same name stands in for them.
-- Read without FINAL: argMax(..., finished_at) per (day, domain) also picks the newest of a
-- re-delivered result's copies, so the figures are right before merges.
-- Cost: each result is read once per day from its own day on (ARRAY JOIN over the days).
SELECT
    toString(as_of)                                                 AS day,
    count()                                                         AS `base.all`,
    count()                                                         AS `domains.total`,
    uniqExactIf(m_m365_tenant_id, m_m365_tenant_id != '')           AS `m365.tenants_unique`,
    countIf(m_is_error)                                             AS `domains.error`,
    countIf(m_is_idn)                                               AS `idn`,
    countIf(m_has_caa)                                              AS `caa`,
    countIf(m_sectxt_valid)                                         AS `security_txt.valid`,
    countIf(m_sectxt_present)                                       AS `security_txt.present`,
    countIf(m_m365)                                                 AS `m365.tenant`,
    countIf(m_autodiscover)                                         AS `autodiscover`,
    countIf(m_lyncdiscover)                                         AS `lyncdiscover`,
    countIf(m_sip_federation)                                       AS `sip_federation`,
    countIf(m_dnssec_signed)                                        AS `dnssec.signed`,
    countIf(m_dnssec_secure)                                        AS `dnssec.secure`,
    countIf(m_dnssec_bogus)                                         AS `dnssec.bogus`,
    countIf(m_has_mx)                                               AS `base.mx`,
    countIf(m_has_mx)                                               AS `mx.present`,
    countIf(m_has_mail)                                             AS `base.mail`,
    countIf(m_mx_null)                                              AS `mx.null`,
    countIf(m_mx_localhost)                                         AS `mx.localhost`,
    countIf(m_spf)                                                  AS `spf.present`,
    countIf(m_spf_fail)                                             AS `spf.all.fail`,
    countIf(m_spf_softfail)                                         AS `spf.all.softfail`,
    countIf(m_spf_neutral)                                          AS `spf.all.neutral`,
    countIf(m_spf_pass)                                             AS `spf.all.pass`,
    countIf(m_spf_redirect)                                         AS `spf.redirect`,
    countIf(m_spf_no_mail)                                          AS `spf.no_mail`,
    countIf(m_spf_multiple)                                         AS `spf.multiple`,
    countIf(m_spf_too_many)                                         AS `spf.too_many_lookups`,
    countIf(m_spf_permerror)                                        AS `spf.permerror`,
    countIf(m_dkim_found)                                           AS `dkim.found`,
    countIf(m_dkim_likely)                                          AS `dkim.likely`,
    countIf(m_dmarc)                                                AS `dmarc.present`,
    countIf(m_dmarc_none)                                           AS `dmarc.p.none`,
    countIf(m_dmarc_quarantine)                                     AS `dmarc.p.quarantine`,
    countIf(m_dmarc_reject)                                         AS `dmarc.p.reject`,
    countIf(m_dmarc_rua)                                            AS `dmarc.rua`,
    countIf(m_dmarc_invalid)                                        AS `dmarc.invalid`,
    countIf(m_mta_sts_record)                                       AS `mta_sts.record`,
    countIf(m_mta_sts_policy)                                       AS `mta_sts.policy_valid`,
    countIf(m_mta_sts_enforce)                                      AS `mta_sts.enforce`,
    countIf(m_tls_rpt)                                              AS `tls_rpt`,
    countIf(m_bimi)                                                 AS `bimi.record`,
    countIf(m_bimi_certificate)                                     AS `bimi.certificate`
FROM (
    SELECT
        f.as_of AS as_of,
        f.domain AS domain,
        argMax(f.m_m365_tenant_id, f.finished_at) AS m_m365_tenant_id,
        argMax(f.m_is_error, f.finished_at) AS m_is_error,
        argMax(f.m_is_idn, f.finished_at) AS m_is_idn,
        argMax(f.m_has_caa, f.finished_at) AS m_has_caa,
        argMax(f.m_sectxt_valid, f.finished_at) AS m_sectxt_valid,
        argMax(f.m_sectxt_present, f.finished_at) AS m_sectxt_present,
        argMax(f.m_m365, f.finished_at) AS m_m365,
        argMax(f.m_autodiscover, f.finished_at) AS m_autodiscover,
        argMax(f.m_lyncdiscover, f.finished_at) AS m_lyncdiscover,
        argMax(f.m_sip_federation, f.finished_at) AS m_sip_federation,
        argMax(f.m_dnssec_signed, f.finished_at) AS m_dnssec_signed,
        argMax(f.m_dnssec_secure, f.finished_at) AS m_dnssec_secure,
        argMax(f.m_dnssec_bogus, f.finished_at) AS m_dnssec_bogus,
        argMax(f.m_has_mx, f.finished_at) AS m_has_mx,
        argMax(f.m_has_mail, f.finished_at) AS m_has_mail,
        argMax(f.m_mx_null, f.finished_at) AS m_mx_null,
        argMax(f.m_mx_localhost, f.finished_at) AS m_mx_localhost,
        argMax(f.m_spf, f.finished_at) AS m_spf,
        argMax(f.m_spf_fail, f.finished_at) AS m_spf_fail,
        argMax(f.m_spf_softfail, f.finished_at) AS m_spf_softfail,
        argMax(f.m_spf_neutral, f.finished_at) AS m_spf_neutral,
        argMax(f.m_spf_pass, f.finished_at) AS m_spf_pass,
        argMax(f.m_spf_redirect, f.finished_at) AS m_spf_redirect,
        argMax(f.m_spf_no_mail, f.finished_at) AS m_spf_no_mail,
        argMax(f.m_spf_multiple, f.finished_at) AS m_spf_multiple,
        argMax(f.m_spf_too_many, f.finished_at) AS m_spf_too_many,
        argMax(f.m_spf_permerror, f.finished_at) AS m_spf_permerror,
        argMax(f.m_dkim_found, f.finished_at) AS m_dkim_found,
        argMax(f.m_dkim_likely, f.finished_at) AS m_dkim_likely,
        argMax(f.m_dmarc, f.finished_at) AS m_dmarc,
        argMax(f.m_dmarc_none, f.finished_at) AS m_dmarc_none,
        argMax(f.m_dmarc_quarantine, f.finished_at) AS m_dmarc_quarantine,
        argMax(f.m_dmarc_reject, f.finished_at) AS m_dmarc_reject,
        argMax(f.m_dmarc_rua, f.finished_at) AS m_dmarc_rua,
        argMax(f.m_dmarc_invalid, f.finished_at) AS m_dmarc_invalid,
        argMax(f.m_mta_sts_record, f.finished_at) AS m_mta_sts_record,
        argMax(f.m_mta_sts_policy, f.finished_at) AS m_mta_sts_policy,
        argMax(f.m_mta_sts_enforce, f.finished_at) AS m_mta_sts_enforce,
        argMax(f.m_tls_rpt, f.finished_at) AS m_tls_rpt,
        argMax(f.m_bimi, f.finished_at) AS m_bimi,
        argMax(f.m_bimi_certificate, f.finished_at) AS m_bimi_certificate
    FROM (
        -- one row per (result, day from the result's own day on), with its metric flags
        WITH (SELECT arraySort(groupUniqArray(toDate(finished_at))) FROM domain_results) AS days,
            -- as in mx.sql
            (mx_status = 'present' OR mx_null_mx OR mx_localhost) AS has_mx,
            arrayExists(h -> h.name NOT IN ('', '.')
                             AND splitByChar('.', h.name)[1] != 'localhost'
                             AND NOT (notEmpty(arrayConcat(h.ipv4, h.ipv6))
                                      AND arrayAll(a -> a IN ('127.0.0.1', '::1'), arrayConcat(h.ipv4, h.ipv6))),
                        mx_hosts) AS has_usable_host,
            -- as in spf_dkim_dmarc.sql
            (spf_status = 'present' OR notEmpty(spf_records)) AS has_spf,
            (dmarc_status = 'present') AS has_dmarc
        SELECT
            as_of,
            domain,
            finished_at,
            coalesce(m365_tenant_id, '') AS m_m365_tenant_id,
            toUInt8(status = 'error') AS m_is_error,
            toUInt8(idn) AS m_is_idn,
            toUInt8(caa_status = 'present') AS m_has_caa,
            toUInt8(security_txt_status = 'valid') AS m_sectxt_valid,
            toUInt8(security_txt_status IN ('valid', 'present_invalid')) AS m_sectxt_present,
            toUInt8(m365_status = 'present') AS m_m365,
            toUInt8(autodiscover_status = 'present') AS m_autodiscover,
            toUInt8(lyncdiscover_status = 'present') AS m_lyncdiscover,
            toUInt8(sip_federation_status = 'present') AS m_sip_federation,
            toUInt8(dnssec_signed = 'present') AS m_dnssec_signed,
            toUInt8(dnssec_validation = 'secure') AS m_dnssec_secure,
            toUInt8(dnssec_validation = 'bogus') AS m_dnssec_bogus,
            toUInt8(has_mx) AS m_has_mx,
            toUInt8(has_mx AND NOT mx_null_mx AND (NOT mx_localhost OR has_usable_host)) AS m_has_mail,
            toUInt8(has_mx AND mx_null_mx) AS m_mx_null,
            toUInt8(has_mx AND mx_localhost) AS m_mx_localhost,
            toUInt8(has_mx AND has_spf) AS m_spf,
            toUInt8(has_mx AND has_spf AND spf_all = 'fail') AS m_spf_fail,
            toUInt8(has_mx AND has_spf AND spf_all = 'softfail') AS m_spf_softfail,
            toUInt8(has_mx AND has_spf AND spf_all = 'neutral') AS m_spf_neutral,
            toUInt8(has_mx AND has_spf AND spf_all = 'pass') AS m_spf_pass,
            toUInt8(has_mx AND has_spf AND coalesce(spf_redirect, '') != '') AS m_spf_redirect,
            toUInt8(has_mx AND has_spf AND spf_no_mail) AS m_spf_no_mail,
            toUInt8(has_mx AND spf_multiple) AS m_spf_multiple,
            toUInt8(has_mx AND has_spf AND coalesce(spf_dns_terms, 0) > 10) AS m_spf_too_many,
            toUInt8(has_mx AND has_spf AND (spf_permerror IS NOT NULL
                                    OR lower(coalesce(spf_eval_result, '')) = 'permerror'
                                    OR spf_multiple
                                    OR coalesce(spf_dns_terms, 0) > 10)) AS m_spf_permerror,
            toUInt8(has_mx AND dkim_status = 'found') AS m_dkim_found,
            toUInt8(has_mx AND dkim_status IN ('found', 'likely')) AS m_dkim_likely,
            toUInt8(has_mx AND has_dmarc) AS m_dmarc,
            toUInt8(has_mx AND has_dmarc AND lower(dmarc_p) = 'none') AS m_dmarc_none,
            toUInt8(has_mx AND has_dmarc AND lower(dmarc_p) = 'quarantine') AS m_dmarc_quarantine,
            toUInt8(has_mx AND has_dmarc AND lower(dmarc_p) = 'reject') AS m_dmarc_reject,
            toUInt8(has_mx AND has_dmarc AND notEmpty(dmarc_rua)) AS m_dmarc_rua,
            toUInt8(has_mx AND dmarc_status = 'invalid') AS m_dmarc_invalid,
            toUInt8(has_mx AND mta_sts_status = 'present') AS m_mta_sts_record,
            toUInt8(has_mx AND mta_sts_policy_status = 'present') AS m_mta_sts_policy,
            toUInt8(has_mx AND mta_sts_policy_status = 'present' AND lower(mta_sts_mode) = 'enforce') AS m_mta_sts_enforce,
            toUInt8(has_mx AND tls_rpt_status = 'present') AS m_tls_rpt,
            toUInt8(has_mx AND bimi_status = 'present') AS m_bimi,
            toUInt8(has_mx AND bimi_status = 'present' AND coalesce(bimi_evidence, '') != '') AS m_bimi_certificate
        FROM domain_results
        ARRAY JOIN arrayFilter(d -> d >= toDate(finished_at), days) AS as_of
    ) AS f
    GROUP BY as_of, domain
)
GROUP BY as_of
ORDER BY as_of
