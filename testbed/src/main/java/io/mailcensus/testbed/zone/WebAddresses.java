package io.mailcensus.testbed.zone;

import io.mailcensus.testbed.zone.Infrastructure.DnsHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a domain's web site lives: one address of its DNS host's pool, or (a few per cent) the
 * parking address shared across DNS hosts, the way shared hosting packs many sites on an address;
 * optionally a share on one large hoster's address ({@link WebShape#hostedShare()}).
 */
final class WebAddresses {

    static final double PARKED_SHARE = 0.03;
    /** The large hoster's address: the first address of the first DNS host's pool. */
    static final String HOSTER_ADDRESS = Infrastructure.firstDnsHost().webAddress();

    private final Dice placement;
    private final double parkedShare;
    /** Of the sites not parked, the share on {@link #HOSTER_ADDRESS}. */
    private final double hostedOfRest;
    private final Map<String, Integer> users = new TreeMap<>();

    /**
     * @param placement a dice of its own, so placing sites never changes what the other choices draw
     * @param shape the shares of sites on the parking and the hoster's address
     */
    WebAddresses(Dice placement, WebShape shape) {
        this.placement = placement;
        this.parkedShare = shape.parkedShare();
        this.hostedOfRest = shape.hostedShare() == 0 ? 0 : Math.min(1, shape.hostedShare() / (1 - parkedShare));
    }

    /** The address of one domain's web site (drawn for every answering domain, used or not). */
    String place(DnsHost dns) {
        if (placement.chance(parkedShare)) {
            return Infrastructure.PARKING_ADDRESS;
        }
        // drawn only when asked for: without a hosted share, a seed places every site as before
        if (hostedOfRest > 0 && placement.chance(hostedOfRest)) {
            return HOSTER_ADDRESS;
        }
        return dns.webAddress(placement.between(0, dns.webPoolSize()));
    }

    /** Counts one name of a domain (apex, mta-sts, ...) that points at {@code address}. */
    void used(String address) {
        users.merge(address, 1, Integer::sum);
    }

    /** Every pool address and the parking one (they all listen), with their user counts. */
    List<ServerAddress> all() {
        List<ServerAddress> all = new ArrayList<>();
        all.add(new ServerAddress(ServerAddress.Role.WEB, Infrastructure.PARKING_ADDRESS, Infrastructure.PARKING_WEB_HOST,
                users.getOrDefault(Infrastructure.PARKING_ADDRESS, 0), true));
        for (DnsHost h : Infrastructure.DNS_HOSTS) {
            for (int i = 0; i < h.webPoolSize(); i++) {
                String ip = h.webAddress(i);
                all.add(new ServerAddress(ServerAddress.Role.WEB, ip, h.webHost(), users.getOrDefault(ip, 0), true));
            }
        }
        return all;
    }
}
