-- Breakdown mx.brand: mx.provider grouped by operator (brands/brands.tsv, kind mx, matched as in
-- ns_brand.sql); a name no pattern matches stays itself. Derived from this breakdown:
-- mx.provider: the registrable domain of the MX hosts (Public Suffix List, computed by
-- the worker), base `mx`. A domain counts once per provider, so the shares may add up past 100%.
-- Exchange Online is named by its MX zone `mail.protection.outlook.com` (report.md), not by the
-- registrable domain outlook.com, which it shares with Microsoft's other services.
-- `covered`: the domains in at least one listed row (the report's `other` row is base - covered).
-- Parameters {scan:String}, {top:UInt32}, {mx_patterns:Array(String)}, {mx_brands:Array(String)}.
WITH
    arrayExists(h -> endsWith(trim(TRAILING '.' FROM lower(h.name)), '.mail.protection.outlook.com'),
                mx_hosts) AS exchange_online,
    arrayExists(h -> endsWith(trim(TRAILING '.' FROM lower(h.name)), '.outlook.com')
                     AND NOT endsWith(trim(TRAILING '.' FROM lower(h.name)), '.mail.protection.outlook.com'),
                mx_hosts) AS other_outlook,
    arrayDistinct(arrayConcat(
        arrayFilter(p -> p != 'outlook.com' OR other_outlook OR NOT exchange_online, mx_providers),
        if(exchange_online, ['mail.protection.outlook.com'], []))) AS providers,
    arrayDistinct(arrayMap(n -> arrayConcat([n], {mx_brands:Array(String)})[1 + arrayFirstIndex(
                      x -> n = x OR endsWith(n, concat('.', x))
                           OR (endsWith(x, '*') AND startsWith(n, substring(x, 1, length(x) - 1))),
                      {mx_patterns:Array(String)})], providers)) AS brands,
    pairs AS (
        SELECT domain, provider AS name
        FROM domain_results FINAL
        ARRAY JOIN brands AS provider
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
