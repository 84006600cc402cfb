-- Every scan in the store, oldest first: from the scans table, or from the results alone for a
-- scan that has no row there. The trend (report --trend) has one column per row. A distributed
-- round still in progress ('feeding', 'fed') is left out until it is finished: a partial round
-- would show as a drop in every metric (report --scan ID shows it, as partial).
SELECT id
FROM (
    SELECT id, started FROM scans FINAL
    UNION ALL
    SELECT scan_id AS id, min(started_at) AS started FROM domain_results GROUP BY scan_id
)
WHERE id NOT IN (SELECT id FROM scans FINAL WHERE state IN ('feeding', 'fed'))
GROUP BY id
ORDER BY min(started) ASC, id ASC
