-- The latest finished scan: the newest row of `scans` whose state is 'finished' (a scan still
-- running, or interrupted, is never "latest"). Hand-written view (not generated); re-created on
-- every migration. Empty while no scan has finished.
CREATE OR REPLACE VIEW latest_finished_scan AS
SELECT id, started, finished, source, domains_total, domains_done, rejected
FROM scans FINAL
WHERE state = 'finished'
ORDER BY finished DESC, started DESC, id DESC
LIMIT 1
