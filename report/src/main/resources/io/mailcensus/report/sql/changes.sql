-- What changed (report --changes): the change feed (domain_changes.sql, put in place of the
-- table name domain_changes below by ChangesBuilder), grouped
-- by fact and (before, after), with the number of domains and a few examples each.
-- Parameters: {scan:String} the report's scan; {since:String} '' for the changes INTO the scan
-- (each domain's previous result to its result in the scan), else a scan id: every change
-- recorded after that scan's last result (several rounds, rolling or not).
-- {top:UInt32}: the most groups returned. A domain that changed twice counts in both groups.
SELECT
    what,
    before,
    after,
    uniqExact(domain)                                 AS domains,
    arraySlice(arraySort(groupUniqArray(100)(domain)), 1, 3) AS examples
FROM domain_changes
WHERE if({since:String} = '',
         scan_id = {scan:String},
         changed_at > (SELECT max(finished_at) FROM domain_results WHERE scan_id = {since:String}))
GROUP BY what, before, after
ORDER BY domains DESC, what ASC, before ASC, after ASC
LIMIT {top:UInt32}
