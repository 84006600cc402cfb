-- mail_server_results of the latest finished scan (latest_finished_scan), deduplicated.
-- Re-created on every migration.
CREATE OR REPLACE VIEW latest_mail_server_results AS
SELECT *
FROM mail_server_results FINAL
WHERE scan_id IN (SELECT id FROM latest_finished_scan)
