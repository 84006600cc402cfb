package io.mailcensus.testbed.zone;

import io.mailcensus.testbed.pki.DaneKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared hosts of the simulated internet, all under the infrastructure zone {@code example.}
 * (RFC 2606), so the scanned TLD holds only generated domains with known truth: the root and TLD
 * servers, a few DNS hosting providers whose name servers serve every child zone, a few mail
 * providers whose MX hosts serve most domains, and the name servers of broken delegations.
 *
 * <p>The addresses of the name servers are chosen when a testbed starts (see the server
 * package); everything else here is fixed, so the generated zones do not depend on them.
 */
public final class Infrastructure {

    /** The infrastructure zone; the scanned TLD must be another name. */
    public static final String ZONE = "example";

    public static final String ROOT_SERVER = "a.root-servers." + ZONE + ".";
    public static final String TLD_SERVER = "ns1.nic." + ZONE + ".";
    /** Its address has no listener: queries to it time out (ICMP port unreachable). */
    public static final String UNREACHABLE_SERVER = "ns.unreachable." + ZONE + ".";
    /** A name server that serves no zone and answers REFUSED: a lame delegation. */
    public static final String LAME_SERVER = "ns.lame." + ZONE + ".";

    static final List<DnsHost> DNS_HOSTS = List.of(
            new DnsHost(1, 50, 64), new DnsHost(2, 25, 24), new DnsHost(3, 15, 12), new DnsHost(4, 10, 8));

    /** A parking service's one web address, which a few per cent of the domains point at, whatever their DNS host. */
    static final String PARKING_WEB_HOST = "web.parking." + ZONE + ".";
    public static final String PARKING_ADDRESS = "127.80.0.10";

    // The largest takes about 18.8% of the domains with MX, as the seed's largest host does (the
    // other 35% of usable MX domains are self-hosted, so a provider's share is 0.69 x its weight).
    // The two largest publish DANE-EE records for their MX hosts (in the signed infrastructure
    // zone): 0.69 x (27% + 19%) = 32% of the domains with MX, near the seed's 30.06% with DANE.
    static final List<MailProvider> MAIL_PROVIDERS = List.of(
            new MailProvider(1, 27, true, true), new MailProvider(2, 19, true, true),
            new MailProvider(3, 17, false, false), new MailProvider(4, 14, false, false),
            new MailProvider(5, 13, false, false), new MailProvider(6, 10, false, false));

    private Infrastructure() {}

    /** Names that must resolve to the authoritative server (Knot). */
    public static List<String> authoritativeServerNames() {
        List<String> names = new ArrayList<>(List.of(ROOT_SERVER, TLD_SERVER));
        for (DnsHost h : DNS_HOSTS) {
            names.add(h.ns1());
            names.add(h.ns2());
        }
        return names;
    }

    /** The mail providers' domains whose MX hosts publish DANE-EE records for {@link DaneKey}. */
    public static List<String> daneProviderDomains() {
        return MAIL_PROVIDERS.stream().filter(MailProvider::dane).map(MailProvider::domain).toList();
    }

    /** A DNS host for hand-written domains ({@link ExtraDomain}). */
    static DnsHost firstDnsHost() {
        return DNS_HOSTS.getFirst();
    }

    static DnsHost pickDnsHost(Dice dice) {
        return DNS_HOSTS.get(dice.weighted(DNS_HOSTS.stream().mapToDouble(DnsHost::weight).toArray()));
    }

    static MailProvider pickMailProvider(Dice dice) {
        return MAIL_PROVIDERS.get(dice.weighted(MAIL_PROVIDERS.stream().mapToDouble(MailProvider::weight).toArray()));
    }

    /** The fixed part of the infrastructure zone: mail provider hosts and their SPF records. */
    static RecordList generatedRecords() {
        RecordList r = new RecordList();
        for (DnsHost h : DNS_HOSTS) {
            r.add(h.webHost(), "A", h.webAddress());
        }
        r.add(PARKING_WEB_HOST, "A", PARKING_ADDRESS);
        for (MailProvider p : MAIL_PROVIDERS) {
            for (int i = 1; i <= MailProvider.HOSTS; i++) {
                r.add(p.mxHost(i), "A", p.address(i));
                if (p.ipv6()) {
                    r.add(p.mxHost(i), "AAAA", p.ipv6Address(i));
                }
            }
            r.txt(p.spfInclude() + ".", "v=spf1 ip4:127.100." + p.number() + ".0/24 -all");
            if (p.dane()) {
                for (int i = 1; i <= MailProvider.HOSTS; i++) {
                    r.add("_25._tcp." + p.mxHost(i), "TLSA", p.tlsa(i));
                }
            }
        }
        r.txt("_report._dmarc." + DMARC_COLLECTOR + ".", "v=DMARC1");
        return r;
    }

    /** PTR records for the provider hosts. */
    static RecordList generatedReverseRecords() {
        RecordList r = new RecordList();
        for (MailProvider p : MAIL_PROVIDERS) {
            for (int i = 1; i <= MailProvider.HOSTS; i++) {
                r.add(AddressPool.reverseName(p.address(i)), "PTR", p.mxHost(i));
            }
        }
        return r;
    }

    /** Where external DMARC reports go. */
    static final String DMARC_COLLECTOR = "dmarc-collector." + ZONE;

    /** The provider MX addresses, all of which listen. */
    static List<ServerAddress> providerMailAddresses() {
        List<ServerAddress> a = new ArrayList<>();
        for (MailProvider p : MAIL_PROVIDERS) {
            for (int i = 1; i <= MailProvider.HOSTS; i++) {
                a.add(new ServerAddress(ServerAddress.Role.MX_PROVIDER, p.address(i), p.mxHost(i), 0, true));
            }
        }
        return a;
    }

    /**
     * A DNS hosting provider: two name server names (both on Knot) and a pool of shared web
     * servers on 127.80.{number}.10 upwards, the first of which is its web host.
     */
    record DnsHost(int number, double weight, int webPoolSize) {
        String domain() {
            return "dnshost" + number + "." + ZONE;
        }

        String ns1() {
            return "ns1." + domain() + ".";
        }

        String ns2() {
            return "ns2." + domain() + ".";
        }

        String webHost() {
            return "web." + domain() + ".";
        }

        String webAddress() {
            return webAddress(0);
        }

        String webAddress(int index) {
            return "127.80." + number + "." + (10 + index);
        }
    }

    /**
     * A mail provider with {@link #HOSTS} MX hosts on 127.100.{number}.{1..3}; with {@code dane},
     * each host has a DANE-EE record for {@link DaneKey}, except the last host of the second
     * provider, whose record still names a key it rolled away from (DANE published, not valid).
     */
    record MailProvider(int number, double weight, boolean ipv6, boolean dane) {
        static final int HOSTS = 3;
        /** A key no server uses: the "3 1 1" of the stale record. */
        private static final String STALE_TLSA = "3 1 1 " + "5e".repeat(32);

        String domain() {
            return "mailhost" + number + "." + ZONE;
        }

        String mxHost(int i) {
            return "mx" + i + "." + domain() + ".";
        }

        String address(int i) {
            return "127.100." + number + "." + i;
        }

        String ipv6Address(int i) {
            return "2001:db8:100:" + number + "::" + i;
        }

        /** The RDATA of host i's TLSA record. */
        String tlsa(int i) {
            return number == 2 && i == HOSTS ? STALE_TLSA : DaneKey.tlsa311();
        }

        /** The include target, without the trailing dot as SPF writes it. */
        String spfInclude() {
            return "_spf." + domain();
        }
    }
}
