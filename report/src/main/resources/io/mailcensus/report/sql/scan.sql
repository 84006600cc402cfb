-- The scan's bookkeeping: its start and end from the scans table, falling back on the first and
-- last domain result when the scan has no row there; times are Unix epoch milliseconds (UTC).
-- Parameter {scan:String}: the scan id.
SELECT
    (SELECT count() FROM scans FINAL WHERE id = {scan:String})                       AS scan_rows,
    (SELECT anyOrNull(toUnixTimestamp64Milli(started)) FROM scans FINAL WHERE id = {scan:String})  AS started_ms,
    (SELECT anyOrNull(toUnixTimestamp64Milli(finished)) FROM scans FINAL WHERE id = {scan:String}) AS finished_ms,
    (SELECT anyOrNull(state) FROM scans FINAL WHERE id = {scan:String})              AS state,
    -- the options the scan measured with (NULL when the row has none: recorded before options were)
    (SELECT anyOrNull(options_resolver) FROM scans FINAL WHERE id = {scan:String})   AS options_resolver,
    (SELECT anyOrNull(options_dnssec) FROM scans FINAL WHERE id = {scan:String})     AS options_dnssec,
    (SELECT anyOrNull(options_smtp) FROM scans FINAL WHERE id = {scan:String})       AS options_smtp,
    (SELECT anyOrNull(options_http) FROM scans FINAL WHERE id = {scan:String})       AS options_http,
    (SELECT anyOrNull(options_opt_out_entries) FROM scans FINAL WHERE id = {scan:String}) AS options_opt_out_entries,
    (SELECT anyOrNull(options_smtp_politeness) FROM scans FINAL WHERE id = {scan:String}) AS options_smtp_politeness,
    (SELECT anyOrNull(options_https_politeness) FROM scans FINAL WHERE id = {scan:String}) AS options_https_politeness,
    (SELECT anyOrNull(options_version) FROM scans FINAL WHERE id = {scan:String})    AS options_version,
    count()                                                                         AS results,
    if(count() = 0, NULL, toUnixTimestamp64Milli(min(started_at)))                  AS first_started_ms,
    if(count() = 0, NULL, toUnixTimestamp64Milli(max(finished_at)))                 AS last_finished_ms
FROM domain_results FINAL
WHERE scan_id = {scan:String}
