-- MX: who has MX records, null MX, localhost MX; and the sizes of the bases `mx` and `mail`.
-- Parameter {scan:String}: the scan id (clickhouse client --param_scan='<scan id>' --queries-file mx.sql).
-- Every output column is a metric key of report.md, or `base.<name>`. One pass over domain_results FINAL.
WITH
    -- has_mx (base `mx`): at least one MX record, null MX and localhost MX included. A null MX or a
    -- localhost MX is an MX record even when a worker filed the MX status otherwise.
    (mx_status = 'present' OR mx_null_mx OR mx_localhost) AS has_mx,
    -- a usable MX host: has a name (not the null MX's "."), first label is not `localhost`, and its
    -- addresses are not only 127.0.0.1 / ::1 (checks.md's localhost rule, host by host)
    arrayExists(h -> h.name NOT IN ('', '.')
                     AND splitByChar('.', h.name)[1] != 'localhost'
                     AND NOT (notEmpty(arrayConcat(h.ipv4, h.ipv6))
                              AND arrayAll(a -> a IN ('127.0.0.1', '::1'), arrayConcat(h.ipv4, h.ipv6))),
                mx_hosts) AS has_usable_host,
    -- has_mail (base `mail`): in `mx`, not null MX, and at least one usable MX host. mx_localhost
    -- flags a domain with ANY localhost MX host, so a domain flagged localhost stays in `mail` when
    -- another of its MX hosts is usable.
    (has_mx AND NOT mx_null_mx AND (NOT mx_localhost OR has_usable_host)) AS has_mail
SELECT
    countIf(has_mx)                                                 AS `base.mx`,
    countIf(has_mail)                                               AS `base.mail`,
    -- mx.present: at least one MX record (base all)
    countIf(has_mx)                                                 AS `mx.present`,
    -- mx.null: exactly one MX `0 .` (RFC 7505)
    countIf(has_mx AND mx_null_mx)                                  AS `mx.null`,
    -- mx.localhost: an MX host named localhost or only at 127.0.0.1 / ::1
    countIf(has_mx AND mx_localhost)                                AS `mx.localhost`,
    -- coverage: an MX lookup that failed on a domain that exists; null and localhost MX are
    -- read from the MX answer itself, so they are decided for every domain of `mx`
    countIf(NOT has_mx AND (status = 'error' OR status != 'nxdomain' AND mx_status NOT IN ('present', 'absent', 'invalid'))) AS `unknown.mx.present`,
    0                                                               AS `unknown.mx.null`,
    0                                                               AS `unknown.mx.localhost`,
    -- why: the kind of the domain's first failed DNS query (errors), one reason per domain
    countIf((NOT has_mx AND (status = 'error' OR status != 'nxdomain' AND mx_status NOT IN ('present', 'absent', 'invalid'))) AND errors[1].kind = 'timeout')                AS `unreached.timeout`,
    countIf((NOT has_mx AND (status = 'error' OR status != 'nxdomain' AND mx_status NOT IN ('present', 'absent', 'invalid'))) AND errors[1].kind = 'refused')                AS `unreached.refused`,
    countIf((NOT has_mx AND (status = 'error' OR status != 'nxdomain' AND mx_status NOT IN ('present', 'absent', 'invalid'))) AND errors[1].kind = 'servfail')                AS `unreached.servfail`,
    countIf((NOT has_mx AND (status = 'error' OR status != 'nxdomain' AND mx_status NOT IN ('present', 'absent', 'invalid'))) AND errors[1].kind NOT IN ('timeout', 'refused', 'servfail')) AS `unreached.error`
FROM domain_results FINAL
WHERE scan_id = {scan:String}
