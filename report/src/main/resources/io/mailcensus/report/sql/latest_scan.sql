-- The id of the most recently started scan: from the scans table, or from the results alone for
-- a scan that has no row there.
SELECT id
FROM (
    SELECT id, started FROM scans FINAL
    UNION ALL
    SELECT scan_id AS id, min(started_at) AS started FROM domain_results GROUP BY scan_id
)
ORDER BY started DESC, id DESC
LIMIT 1
