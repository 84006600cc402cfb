-- Breakdown ns.brand: ns.provider grouped by operator (brands/brands.tsv, kind ns: a provider equal
-- to a pattern or ending in "." + pattern, or starting with a pattern that ends in *), base `all`.
-- A name no pattern matches stays itself. A domain counts once per brand.
-- `covered`: the domains in at least one listed row (the report's `other` row is base - covered).
-- Parameters {scan:String}, {top:UInt32}, {ns_patterns:Array(String)}, {ns_brands:Array(String)}.
WITH
    pairs AS (
        SELECT domain, brand AS name
        FROM domain_results FINAL
        ARRAY JOIN arrayDistinct(arrayMap(n -> arrayConcat([n], {ns_brands:Array(String)})[1 + arrayFirstIndex(
                       x -> n = x OR endsWith(n, concat('.', x))
                            OR (endsWith(x, '*') AND startsWith(n, substring(x, 1, length(x) - 1))),
                       {ns_patterns:Array(String)})],
                   arrayFilter(p -> p != '', ns_providers))) AS brand
        WHERE scan_id = {scan:String}
    ),
    top AS (
        SELECT name, count() AS domains FROM pairs GROUP BY name ORDER BY domains DESC, name ASC LIMIT {top:UInt32}
    )
SELECT name, domains, (SELECT uniqExact(domain) FROM pairs WHERE name IN (SELECT name FROM top)) AS covered
FROM top
ORDER BY domains DESC, name ASC
