-- Every scan in the store, oldest first: from the scans table, or from the results alone for a
-- scan that has no row there. The trend (report --trend) has one column per row.
SELECT id
FROM (
    SELECT id, started FROM scans FINAL
    UNION ALL
    SELECT scan_id AS id, min(started_at) AS started FROM domain_results GROUP BY scan_id
)
GROUP BY id
ORDER BY min(started) ASC, id ASC
