-- Breakdown ns.provider: the registrable domain of the NS hosts (Public Suffix List, computed by
-- the worker), base `all`. A domain counts once per provider, so the shares may add up past 100%.
-- `covered` (the same on every row): the domains in at least one listed row; the report's `other`
-- row is the rest of the base (base - covered).
-- Parameters {scan:String} (the scan id) and {top:UInt32} (how many rows), e.g.
--   clickhouse client --param_scan='<scan id>' --param_top=10 --queries-file ns_provider.sql
WITH
    pairs AS (
        SELECT domain, provider AS name
        FROM domain_results FINAL
        ARRAY JOIN arrayDistinct(ns_providers) AS provider
        WHERE scan_id = {scan:String} AND provider != ''
    ),
    top AS (
        SELECT name, count() AS domains FROM pairs GROUP BY name ORDER BY domains DESC, name ASC LIMIT {top:UInt32}
    )
SELECT name, domains, (SELECT uniqExact(domain) FROM pairs WHERE name IN (SELECT name FROM top)) AS covered
FROM top
ORDER BY domains DESC, name ASC
