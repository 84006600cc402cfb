package io.mailcensus.testbed.zone;

import io.mailcensus.testbed.zone.Infrastructure.DnsHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a domain's web site lives: one address of its DNS host's pool, or (a few per cent) the
 * parking address shared across DNS hosts, the way shared hosting packs many sites on an address.
 */
final class WebAddresses {

    static final double PARKED_SHARE = 0.03;

    private final Dice placement;
    private final double parkedShare;
    private final Map<String, Integer> users = new TreeMap<>();

    /**
     * @param placement a dice of its own, so placing sites never changes what the other choices draw
     * @param parkedShare the share of sites on the parking address ({@link WebShape})
     */
    WebAddresses(Dice placement, double parkedShare) {
        this.placement = placement;
        this.parkedShare = parkedShare;
    }

    /** The address of one domain's web site (drawn for every answering domain, used or not). */
    String place(DnsHost dns) {
        return placement.chance(parkedShare)
                ? Infrastructure.PARKING_ADDRESS
                : dns.webAddress(placement.between(0, dns.webPoolSize()));
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
