-- Breakdown ns.provider: the registrable domain of the NS hosts (Public Suffix List, computed by
-- the worker), base `all`. A domain counts once per provider, so the shares may add up past 100%.
-- Parameters {scan:String} (the scan id) and {top:UInt32} (how many rows), e.g.
--   clickhouse client --param_scan='<scan id>' --param_top=10 --queries-file ns_provider.sql
SELECT provider AS name, count() AS domains
FROM domain_results FINAL
ARRAY JOIN arrayDistinct(ns_providers) AS provider
WHERE scan_id = {scan:String} AND provider != ''
GROUP BY name
ORDER BY domains DESC, name ASC
LIMIT {top:UInt32}
