-- domain_results of the latest finished scan (latest_finished_scan), deduplicated: what most
-- questions start from, without naming a scan or remembering FINAL. Re-created on every migration.
CREATE OR REPLACE VIEW latest_domain_results AS
SELECT *
FROM domain_results FINAL
WHERE scan_id IN (SELECT id FROM latest_finished_scan)
