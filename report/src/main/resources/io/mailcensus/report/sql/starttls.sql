-- STARTTLS and SMTP software, base `mx`; the size of the base `starttls`; what could not be
-- measured (unknown.<key>) and why the unreached domains were not reached (unreached.<reason>).
-- Parameter {scan:String}: the scan id (clickhouse client --param_scan='<scan id>' --queries-file starttls.sql).
-- Every output column is a metric key of report.md, `base.<name>`, `unknown.<key>` (domains of the
-- metric's base it could not decide) or `unreached.<reason>` (domains of starttls.unreachable by reason).
-- Mail servers are probed once per (MX host, IP) and shared by every domain that uses them, so
-- this joins each domain's usable MX hosts and their addresses (domain_results.mx_hosts) to
-- mail_server_results on (scan_id, host, ip), both read with FINAL.
-- The five starttls buckets partition the base `mx` (report.md):
--   a host "did TLS" when at least one of its addresses accepted STARTTLS and completed the handshake;
--   a host "said no" when one of its addresses answered EHLO (or HELO) without STARTTLS or refused
--   STARTTLS with a 5xx (starttls 'not_offered' / 'refused'). Anything else (refused or timed-out
--   connects, a 421 greeting, a 4xx, a timeout or reset mid-conversation, an oversized reply, a
--   failed handshake, opted out, quarantined, not probed) decides nothing: the host is unknown,
--   never "no STARTTLS" (checks.md).
WITH
    domains AS (
        SELECT domain,
               -- usable MX hosts: not the null MX, not localhost (name or loopback-only addresses)
               arrayFilter(h -> h.name NOT IN ('', '.')
                                AND splitByChar('.', h.name)[1] != 'localhost'
                                AND NOT (notEmpty(arrayConcat(h.ipv4, h.ipv6))
                                         AND arrayAll(a -> a IN ('127.0.0.1', '::1'), arrayConcat(h.ipv4, h.ipv6))),
                           mx_hosts) AS hosts
        FROM domain_results FINAL
        WHERE scan_id = {scan:String}
          AND (mx_status = 'present' OR mx_null_mx OR mx_localhost)
    ),
    endpoints AS (
        -- one row per (domain, usable MX host, address); a host without addresses keeps one row,
        -- ip ''; a domain without usable hosts (null MX, localhost only) keeps one row, host ''
        SELECT domain, if(empty(hosts), '', trim(TRAILING '.' FROM lower(h.name))) AS host, ip
        FROM domains
        LEFT ARRAY JOIN hosts AS h
        LEFT ARRAY JOIN arrayConcat(h.ipv4, h.ipv6) AS ip
    ),
    probes AS (
        SELECT host, ip,
               starttls = 'accepted' AND tls = 'ok' AS did_tls,
               connect = 'ok' AND starttls IN ('not_offered', 'refused') AS said_no,
               -- the probe read a greeting (software is 'unknown' exactly when there was none)
               software != 'unknown' AS greeted,
               -- (named sw: an alias `software` would stand in for the column in `greeted` above)
               if(software NOT IN ('', 'unknown'), software, '') AS sw,
               -- why an address decided nothing: its connect outcome, else the stage's failure kind
               -- (the error column is "<KIND> at <STAGE>: <detail>", SmtpFailure)
               multiIf(connect != 'ok', toString(connect),
                       startsWith(coalesce(error, ''), 'TIMEOUT') OR startsWith(coalesce(error, ''), 'DEADLINE'), 'timeout',
                       startsWith(coalesce(error, ''), 'REJECTED'), 'rejected',
                       startsWith(coalesce(error, ''), 'CLOSED'), 'reset',
                       startsWith(coalesce(error, ''), 'TLS_FAILED'), 'tls_failed',
                       'error') AS reason
        FROM mail_server_results FINAL
        WHERE scan_id = {scan:String}
    ),
    per_domain AS (
        -- one GROUP BY over the endpoints: a host counts as having done TLS (said no, greeted)
        -- when any of its addresses did, i.e. the number of distinct hosts among those endpoints
        SELECT e.domain AS domain,
               uniqExactIf(e.host, e.host != '') AS hosts,
               uniqExactIf(e.host, p.did_tls) AS tls_hosts,
               uniqExactIf(e.host, p.said_no AND NOT p.did_tls) AS no_hosts,
               uniqExactIf(e.host, p.greeted) AS greeted_hosts,
               groupUniqArrayIf(p.sw, p.sw != '') AS software,
               -- one reason per unreached domain: the first of its addresses' reasons in this order
               arrayMin(groupArray(indexOf(['opted_out', 'quarantined', 'refused', 'timeout', 'unreachable',
                                            'rejected', 'reset', 'tls_failed', 'error', 'not_checked',
                                            'no_address', 'not_probed'],
                                           multiIf(e.ip = '', 'no_address', p.reason = '', 'not_probed',
                                                   p.reason)))) AS reason_rank
        FROM endpoints AS e
        LEFT JOIN probes AS p ON p.host = e.host AND p.ip = e.ip
        GROUP BY e.domain
    ),
    classified AS (
        SELECT *,
               multiIf(hosts = 0, 'no_usable_mx',
                       tls_hosts > 0 AND tls_hosts = hosts, 'all',
                       tls_hosts > 0, 'some',
                       no_hosts > 0, 'none',
                       'unreachable') AS bucket,
               -- with no mail_server_results row at all, the scan ran without SMTP (--no-smtp)
               (SELECT count() FROM mail_server_results FINAL WHERE scan_id = {scan:String}) = 0 AS smtp_off
        FROM per_domain
    )
SELECT
    -- base `starttls`: domains in `mail` where at least one MX host completed a TLS handshake
    countIf(tls_hosts > 0)                                          AS `base.starttls`,
    -- starttls.all: every usable MX host did STARTTLS + handshake
    countIf(bucket = 'all')                                         AS `starttls.all`,
    -- starttls.some: at least one did, but not every usable host (an unreached host makes it some)
    countIf(bucket = 'some')                                        AS `starttls.some`,
    -- starttls.none: at least one host said no STARTTLS (see above) and none did it
    countIf(bucket = 'none')                                        AS `starttls.none`,
    -- starttls.unreachable: usable MX hosts, none of which decided anything
    countIf(bucket = 'unreachable')                                 AS `starttls.unreachable`,
    -- starttls.no_usable_mx: null MX or localhost MX only
    countIf(bucket = 'no_usable_mx')                                AS `starttls.no_usable_mx`,
    -- smtp.software.*: any MX host of the domain reports that software (from greeting and EHLO)
    countIf(has(software, 'exim'))                                  AS `smtp.software.exim`,
    countIf(has(software, 'postfix'))                               AS `smtp.software.postfix`,
    countIf(has(software, 'exchange'))                              AS `smtp.software.exchange`,
    countIf(has(software, 'sendmail'))                              AS `smtp.software.sendmail`,
    countIf(has(software, 'other'))                                 AS `smtp.software.other`,
    countIf(has(software, 'hidden'))                                AS `smtp.software.hidden`,
    -- coverage: all/some/none cannot be decided for a domain none of whose hosts decided anything;
    -- and when no server of the scan decided anything (--no-smtp, port 25 blocked) nothing of the
    -- base is measured, the trivially decided null-MX domains included (report.md, Coverage).
    -- The unreachable and no-usable-MX buckets are the partition's own accounting, always decided.
    if(countIf(bucket IN ('all', 'some', 'none')) = 0, count(), countIf(bucket = 'unreachable')) AS `unknown.starttls.all`,
    `unknown.starttls.all`                                          AS `unknown.starttls.some`,
    `unknown.starttls.all`                                          AS `unknown.starttls.none`,
    0                                                               AS `unknown.starttls.unreachable`,
    0                                                               AS `unknown.starttls.no_usable_mx`,
    -- software is read from the greeting: unknown where no usable host greeted (all when none did)
    if(countIf(greeted_hosts > 0) = 0, count(), countIf(hosts > 0 AND greeted_hosts = 0)) AS `unknown.smtp.software.exim`,
    `unknown.smtp.software.exim`                                    AS `unknown.smtp.software.postfix`,
    `unknown.smtp.software.exim`                                    AS `unknown.smtp.software.exchange`,
    `unknown.smtp.software.exim`                                    AS `unknown.smtp.software.sendmail`,
    `unknown.smtp.software.exim`                                    AS `unknown.smtp.software.other`,
    `unknown.smtp.software.exim`                                    AS `unknown.smtp.software.hidden`,
    -- why the unreachable domains were not reached (one reason each; option = SMTP was off)
    countIf(bucket = 'unreachable' AND reason_rank = 1)             AS `unreached.opted_out`,
    countIf(bucket = 'unreachable' AND reason_rank = 2)             AS `unreached.quarantined`,
    countIf(bucket = 'unreachable' AND reason_rank = 3)             AS `unreached.refused`,
    countIf(bucket = 'unreachable' AND reason_rank = 4)             AS `unreached.timeout`,
    countIf(bucket = 'unreachable' AND reason_rank = 6)             AS `unreached.rejected`,
    countIf(bucket = 'unreachable' AND reason_rank = 7)             AS `unreached.reset`,
    countIf(bucket = 'unreachable' AND reason_rank = 8)             AS `unreached.tls_failed`,
    countIf(bucket = 'unreachable' AND reason_rank IN (0, 5, 9, 10, 11)) AS `unreached.error`,
    countIf(bucket = 'unreachable' AND reason_rank = 12 AND NOT smtp_off) AS `unreached.not_probed`,
    countIf(bucket = 'unreachable' AND reason_rank = 12 AND smtp_off) AS `unreached.option`
FROM classified
