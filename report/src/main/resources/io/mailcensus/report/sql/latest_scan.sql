-- The id of the most recently started scan that is over (finished or interrupted), or, when
-- every scan is still in progress, of the latest one (its report is partial). From the scans
-- table, or from the results alone for a scan that has no row there (counted as over).
-- In progress: a single-machine scan 'running', a distributed round 'feeding' or 'fed'.
SELECT id
FROM (
    SELECT id, started, state NOT IN ('running', 'feeding', 'fed') AS over FROM scans FINAL
    UNION ALL
    SELECT scan_id AS id, min(started_at) AS started, true AS over
    FROM domain_results
    WHERE scan_id NOT IN (SELECT id FROM scans)
    GROUP BY scan_id
)
ORDER BY over DESC, started DESC, id DESC
LIMIT 1
