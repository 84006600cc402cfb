-- Breakdown mx.provider: the registrable domain of the MX hosts (Public Suffix List, computed by
-- the worker), base `mx`. A domain counts once per provider, so the shares may add up past 100%.
-- Exchange Online is named by its MX zone `mail.protection.outlook.com` (report.md), not by the
-- registrable domain outlook.com, which it shares with Microsoft's other services.
-- `covered`: the domains in at least one listed row (the report's `other` row is base - covered).
-- Parameters {scan:String} (the scan id) and {top:UInt32} (how many rows), e.g.
--   clickhouse client --param_scan='<scan id>' --param_top=10 --queries-file mx_provider.sql
WITH
    arrayExists(h -> endsWith(trim(TRAILING '.' FROM lower(h.name)), '.mail.protection.outlook.com'),
                mx_hosts) AS exchange_online,
    arrayExists(h -> endsWith(trim(TRAILING '.' FROM lower(h.name)), '.outlook.com')
                     AND NOT endsWith(trim(TRAILING '.' FROM lower(h.name)), '.mail.protection.outlook.com'),
                mx_hosts) AS other_outlook,
    arrayDistinct(arrayConcat(
        arrayFilter(p -> p != 'outlook.com' OR other_outlook OR NOT exchange_online, mx_providers),
        if(exchange_online, ['mail.protection.outlook.com'], []))) AS providers,
    pairs AS (
        SELECT domain, provider AS name
        FROM domain_results FINAL
        ARRAY JOIN providers AS provider
        WHERE scan_id = {scan:String}
          AND (mx_status = 'present' OR mx_null_mx OR mx_localhost)
          AND provider != ''
    ),
    top AS (
        SELECT name, count() AS domains FROM pairs GROUP BY name ORDER BY domains DESC, name ASC LIMIT {top:UInt32}
    )
SELECT name, domains, (SELECT uniqExact(domain) FROM pairs WHERE name IN (SELECT name FROM top)) AS covered
FROM top
ORDER BY domains DESC, name ASC
