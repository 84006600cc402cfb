-- domain_mail_servers for the latest finished scan (latest_finished_scan). "Domains whose MX
-- has no STARTTLS" is: SELECT DISTINCT domain FROM latest_domain_mail_servers WHERE starttls = 'not_offered'
-- Re-created on every migration.
CREATE OR REPLACE VIEW latest_domain_mail_servers AS
SELECT *
FROM domain_mail_servers
WHERE scan_id IN (SELECT id FROM latest_finished_scan)
