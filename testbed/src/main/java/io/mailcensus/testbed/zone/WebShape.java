package io.mailcensus.testbed.zone;

/**
 * How concentrated web hosting is in a generated testbed, and whether one web server rate-limits.
 * On a real TLD a few addresses serve a large share of all sites (a big hoster's or a registrar's
 * parking address); this is what a scanner's per-IP politeness meets.
 *
 * @param parkedShare the share of sites on the one parking address shared across DNS hosts
 *     (0.03 by default, as a mid-size registrar; 0.4 puts 40% of all sites on one address)
 * @param rateLimitPerSecond when above zero, the busiest web address other than the parking one
 *     answers 429 with {@code Retry-After: 1} to requests above this many a second (nginx
 *     {@code limit_req})
 * @param hostedShare the share of sites on one large hoster's address ({@link WebAddresses#HOSTER_ADDRESS}),
 *     0 by default: above a few per cent it is the busiest address but the parking one, so the
 *     rate limit applies to it and a scan meets the limit often enough to show its back-off
 */
public record WebShape(double parkedShare, int rateLimitPerSecond, double hostedShare) {

    public static final WebShape DEFAULT = new WebShape(WebAddresses.PARKED_SHARE, 0, 0);

    public WebShape(double parkedShare, int rateLimitPerSecond) {
        this(parkedShare, rateLimitPerSecond, 0);
    }

    public WebShape {
        if (!(parkedShare >= 0 && parkedShare <= 1)) {
            throw new IllegalArgumentException("the parked share must be between 0 and 1: " + parkedShare);
        }
        if (!(hostedShare >= 0 && parkedShare + hostedShare <= 1)) {
            throw new IllegalArgumentException("the hosted share must be at least 0 and, with the parked share, at most 1: "
                    + hostedShare);
        }
        if (rateLimitPerSecond < 0) {
            throw new IllegalArgumentException("the web rate limit must not be negative: " + rateLimitPerSecond);
        }
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }
}
