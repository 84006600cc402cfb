-- One row per scan, domain, MX host and address, with what the SMTP probe of that (host, ip)
-- found: the nested mx_hosts array flattened and joined to mail_server_results on
-- (scan_id, host, ip), both deduplicated. "Domains whose MX has no STARTTLS" is
--   SELECT DISTINCT domain FROM domain_mail_servers WHERE scan_id = '...' AND starttls = 'not_offered'
-- probed = false: no probe result for that address (not probed, or the host has no address:
-- then ip is ''); its probe columns are then empty or NULL, which means unknown, never "no".
-- mx_preference is the lowest preference the host has among the domain's MX records.
-- answer_of: set when the row repeats another MX host name's connection to the same address
-- (mail_server_results.answer_of).
-- Re-created on every migration.
CREATE OR REPLACE VIEW domain_mail_servers AS
SELECT
    d.scan_id AS scan_id,
    d.domain AS domain,
    d.mx_host AS mx_host,
    d.mx_preference AS mx_preference,
    d.mx_host_status AS mx_host_status,
    d.ip AS ip,
    if(d.ip = '', 0, if(position(d.ip, ':') > 0, 6, 4)) AS ip_version,
    m.host != '' AS probed,
    m.connect AS connect,
    m.software AS software,
    m.starttls AS starttls,
    m.tls AS tls,
    m.tls_protocol AS tls_protocol,
    m.pkix_valid AS pkix_valid,
    m.hostname_match AS hostname_match,
    m.expired AS expired,
    m.issuer_org AS issuer_org,
    m.not_after AS not_after,
    m.tlsa_status AS tlsa_status,
    m.tlsa_dnssec AS tlsa_dnssec,
    m.dane_valid AS dane_valid,
    m.error AS probe_error,
    m.answer_of AS answer_of
FROM
(
    SELECT scan_id, domain,
           trim(TRAILING '.' FROM lower(h.name)) AS mx_host,
           arrayMin(arrayMap(r -> r.preference,
                             arrayFilter(r -> trim(TRAILING '.' FROM lower(r.host)) = mx_host, mx_records))) AS mx_preference,
           h.status AS mx_host_status,
           ip
    FROM domain_results FINAL
    ARRAY JOIN mx_hosts AS h
    LEFT ARRAY JOIN arrayConcat(h.ipv4, h.ipv6) AS ip
) AS d
LEFT JOIN
(
    SELECT scan_id, host, ip, connect, software, starttls, tls, tls_protocol, pkix_valid, hostname_match,
           expired, chain[1].issuer_org AS issuer_org, chain[1].not_after AS not_after,
           tlsa_status, tlsa_dnssec, dane_valid, error, answer_of
    FROM mail_server_results FINAL
) AS m ON d.scan_id = m.scan_id AND d.mx_host = m.host AND d.ip = m.ip
