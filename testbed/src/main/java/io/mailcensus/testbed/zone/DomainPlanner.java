package io.mailcensus.testbed.zone;

import io.mailcensus.testbed.truth.DomainFacts;
import io.mailcensus.testbed.truth.DomainFacts.Bimi;
import io.mailcensus.testbed.truth.DomainFacts.Broken;
import io.mailcensus.testbed.truth.DomainFacts.Dkim;
import io.mailcensus.testbed.truth.DomainFacts.DmarcPolicy;
import io.mailcensus.testbed.truth.DomainFacts.MxKind;
import io.mailcensus.testbed.zone.Infrastructure.DnsHost;
import io.mailcensus.testbed.zone.Infrastructure.MailProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, domain by domain, which records exist and what they mean. The rough mix follows the
 * seed's .ch figures (MX on ~70%, SPF on most of those, DMARC ~11%); the odd cases are rare but
 * always present at N = 1,000. Everything comes from one {@link Dice}, in a fixed order.
 */
final class DomainPlanner {

    /** One domain in this many has a name that times out (see {@link #discovery}). */
    static final int TIMEOUT_EVERY = 100;

    private final Dice dice;
    private final String tld;
    private final BrokenSchedule broken;
    private final NameFactory names;
    /** Own dice for addresses: placing servers never changes the records and truth a seed gives. */
    private final AddressPool addresses;
    private final WebAddresses web;
    private final SpfVariants spf;
    private final DmarcVariants dmarc;

    DomainPlanner(long seed, int domains, String tld) {
        this(seed, domains, tld, WebShape.DEFAULT);
    }

    DomainPlanner(long seed, int domains, String tld, WebShape web) {
        this.dice = new Dice(seed);
        this.tld = tld;
        this.broken = new BrokenSchedule(domains);
        this.names = new NameFactory(dice);
        this.spf = new SpfVariants(dice);
        this.dmarc = new DmarcVariants(dice);
        Dice placement = new Dice(seed ^ PLACEMENT_SALT);
        this.addresses = new AddressPool(placement);
        this.web = new WebAddresses(placement, web);
    }

    private static final long PLACEMENT_SALT = 0x5e77e4a11dd4e55L;

    /** PTR records of the self-hosted pool, complete once every domain is planned. */
    RecordList poolReverseRecords() {
        return addresses.reverseRecords();
    }

    /** Every address a mail or web server of the generated zones should listen on (or refuse). */
    List<ServerAddress> serverAddresses() {
        List<ServerAddress> all = new ArrayList<>(Infrastructure.providerMailAddresses());
        all.addAll(addresses.usedAddresses());
        all.addAll(web.all());
        return all;
    }

    DomainZone plan(int index) {
        Broken brokenKind = broken.at(index);
        boolean idn = brokenKind == Broken.NONE && dice.chance(0.03);
        NameFactory.Label label = idn ? names.idn(index) : names.ascii(index);
        String name = label.ascii() + "." + tld;
        String unicode = label.unicode() + "." + tld;
        String d = name + ".";
        RecordList parent = new RecordList();
        RecordList child = new RecordList();
        List<String> cases = new ArrayList<>();
        if (idn) {
            cases.add("idn");
        }

        if (brokenKind != Broken.NONE) {
            String server = brokenKind == Broken.LAME ? Infrastructure.LAME_SERVER : Infrastructure.UNREACHABLE_SERVER;
            parent.add(d, "NS", server);
            cases.add("broken:" + brokenKind.name().toLowerCase(java.util.Locale.ROOT));
            return new DomainZone(
                    new DomainFacts(name, unicode, brokenKind, MxKind.NONE, 0, DomainFacts.SpfAll.NONE, false, false,
                            DomainFacts.Dmarc.NONE, null, false, false, false, false, false, Bimi.NONE, Dkim.NONE, cases),
                    parent, child);
        }

        DnsHost dns = Infrastructure.pickDnsHost(dice);
        String webAddress = web.place(dns);
        parent.add(d, "NS", dns.ns1()).add(d, "NS", dns.ns2());
        child.add(d, "SOA", dns.ns1() + " hostmaster." + d + " 1 7200 3600 1209600 300");
        child.add(d, "NS", dns.ns1()).add(d, "NS", dns.ns2());

        // 48% of the children have a DS at the TLD, as the seed's registry figure (48.34% of .ch
        // signed); nearly all of those are signed by Knot and secure, a secure child's DS made from
        // its key when the testbed starts (tld-ds.zone). A bogus DS names a made-up key.
        // Weights in the order of the enum: unsigned, secure, DS mismatch, DS over unsigned, island.
        DomainFacts.Dnssec dnssec = DomainFacts.Dnssec.values()[dice.weighted(51, 45, 1.5, 1.5, 1)];
        boolean ds = dnssec.ds();
        if (dnssec.tag() != null) {
            cases.add(dnssec.tag());
        }
        if (dnssec.bogus()) {
            parent.add(d, "DS", dice.between(1, 65536) + " 13 2 " + dice.hex(32));
        }
        if (dice.chance(0.8)) {
            child.add(d, "A", webAddress);
            child.add("www." + d, "CNAME", d);
        }

        // MX
        MxKind mx;
        SpfVariants.Spf spfOutcome;
        String mechanisms = null;
        String redirectTarget = null;
        if (!dice.chance(0.70)) {
            mx = MxKind.NONE;
            spfOutcome = parkedSpf();
        } else {
            int kind = dice.weighted(2.0, 2.5, 1.0, 94.5); // null, localhost, null plus a host, usable
            if (kind == 0) {
                mx = MxKind.NULL;
                child.add(d, "MX", "0 .");
                cases.add("mx:null");
                spfOutcome = dice.chance(0.75) ? SpfVariants.Spf.noMailRecord() : SpfVariants.Spf.none();
            } else if (kind == 1) {
                mx = MxKind.LOCALHOST;
                localhostMx(d, child, cases);
                spfOutcome = dice.chance(0.3)
                        ? spf.forMailDomain("a mx", Infrastructure.MAIL_PROVIDERS.get(0).spfInclude())
                        : SpfVariants.Spf.none();
            } else {
                mx = MxKind.PRESENT;
                if (kind == 2) {
                    // RFC 7505 forbids mixing: this is not a null MX, only an MX set with an odd member.
                    child.add(d, "MX", "0 .");
                    cases.add("mx:null-mixed");
                }
                MailProvider provider = Infrastructure.pickMailProvider(dice);
                boolean selfHosted = usableMx(d, provider, child, cases);
                mechanisms = selfHosted ? (dice.chance(0.5) ? "mx" : "a mx") : "include:" + provider.spfInclude();
                if (selfHosted && dice.chance(0.3)) {
                    mechanisms += " include:" + provider.spfInclude();
                }
                redirectTarget = provider.spfInclude();
                spfOutcome = dice.chance(0.84) ? spf.forMailDomain(mechanisms, redirectTarget) : SpfVariants.Spf.none();
            }
        }
        for (List<String> txt : spfOutcome.txt()) {
            child.txt(d, txt);
        }
        cases.addAll(spfOutcome.cases());

        // DMARC: counted only in the mx base, but parked domains publish it too.
        DmarcVariants.Record dmarcRecord;
        if (mx == MxKind.NONE) {
            dmarcRecord = dice.chance(0.05) ? dmarc.valid(name, DmarcPolicy.REJECT, false) : DmarcVariants.Record.none();
        } else {
            dmarcRecord = dmarc.forMailDomain(name);
        }
        if (!dmarcRecord.strings().isEmpty()) {
            child.txt("_dmarc." + d, dmarcRecord.strings());
        }
        cases.addAll(dmarcRecord.cases());

        boolean caa = dice.chance(0.015); // the seed: 1.36% of all domains
        if (caa) {
            caa(d, child);
        }

        boolean usable = mx == MxKind.PRESENT;
        boolean mtaSts = dice.chance(usable ? 0.025 : 0.005);
        if (mtaSts) {
            child.txt("_mta-sts." + d, "v=STSv1; id=" + (20240000 + dice.between(101, 1231)) + "T000000");
            child.add("mta-sts." + d, "A", webAddress);
        }
        boolean tlsRpt = dice.chance(mtaSts ? 0.8 : 0.01);
        if (tlsRpt) {
            child.txt("_smtp._tls." + d, "v=TLSRPTv1; rua=mailto:tlsrpt@" + name);
        }
        Bimi bimi = Bimi.NONE;
        if (dice.chance(usable ? 0.008 : 0.002)) {
            bimi = dice.chance(0.4) ? Bimi.CERTIFICATE : Bimi.RECORD;
            String text = "v=BIMI1; l=https://bimi." + name + "/logo.svg";
            if (bimi == Bimi.CERTIFICATE) {
                text += "; a=https://bimi." + name + "/vmc.pem";
            }
            child.txt("default._bimi." + d, text);
        }
        Dkim dkim = Dkim.NONE;
        if (dice.chance(usable ? 0.35 : 0.01)) {
            dkim = dice.chance(0.65) ? Dkim.KEY : Dkim.NODE;
            List<String> selectors = dkim == Dkim.KEY ? DkimKeys.KNOWN_SELECTORS : DkimKeys.UNKNOWN_SELECTORS;
            String key = switch (dice.weighted(60, 30, 10)) {
                case 0 -> "v=DKIM1; k=rsa; p=" + DkimKeys.RSA_2048;
                case 1 -> "v=DKIM1; k=rsa; p=" + DkimKeys.RSA_1024;
                default -> "v=DKIM1; k=ed25519; p=" + DkimKeys.ED25519;
            };
            child.txt(dice.pick(selectors) + "._domainkey." + d, key);
            cases.add(dkim == Dkim.KEY ? "dkim:key" : "dkim:node-only");
        }
        if (dice.chance(0.15)) {
            child.txt(d, "google-site-verification=" + dice.token(43));
        }
        if (dice.chance(0.05)) {
            child.txt(d, "MS=ms" + dice.between(10000000, 99999999));
        }

        DomainFacts.Discovery discovery = discovery(index, d, dns, webAddress, child, dmarcRecord.strings().isEmpty(),
                usable, cases);
        // apex, mta-sts, autodiscover or lyncdiscover: the domain counts once among the address's users
        if (child.lines().stream().anyMatch(l -> l.endsWith(" A " + webAddress))) {
            web.used(webAddress);
        }

        DomainFacts facts = new DomainFacts(name, unicode, Broken.NONE, mx,
                spfOutcome.spfRecords(), spfOutcome.all(), spfOutcome.redirect(), spfOutcome.noMail(),
                dmarcRecord.kind(), dmarcRecord.policy(), dmarcRecord.rua(),
                caa, ds, mtaSts, tlsRpt, bimi, dkim, cases, discovery);
        return new DomainZone(facts, parent, child);
    }

    /**
     * Autodiscover (CNAME, A or SRV), Lyncdiscover (CNAME or A) and SIP federation (one to three
     * SRV targets), mostly on mail domains, pointing at the DNS host. And the "errors are data"
     * case: every {@value #TIMEOUT_EVERY}th domain (by position, so the count is known at any N)
     * delegates {@code autodiscover.<d>}, another one {@code _dmarc.<d>} (when it has no DMARC
     * record), to the server that never answers; only that check may then be {@code error}.
     */
    private DomainFacts.Discovery discovery(int index, String d, DnsHost dns, String webAddress, RecordList child,
            boolean noDmarc, boolean usable, List<String> cases) {
        Set<String> timeouts = new HashSet<>();
        if (index % TIMEOUT_EVERY == 7) {
            timeouts.add(DomainFacts.Discovery.AUTODISCOVER);
            child.add("autodiscover." + d, "NS", Infrastructure.UNREACHABLE_SERVER);
            cases.add("timeout:autodiscover");
        }
        if (index % TIMEOUT_EVERY == 41 && noDmarc) {
            timeouts.add(DomainFacts.Discovery.DMARC);
            child.add("_dmarc." + d, "NS", Infrastructure.UNREACHABLE_SERVER);
            cases.add("timeout:dmarc");
        }
        boolean autodiscover = !timeouts.contains(DomainFacts.Discovery.AUTODISCOVER) && dice.chance(usable ? 0.15 : 0.02);
        if (autodiscover) {
            switch (dice.weighted(50, 30, 20)) {
                case 0 -> {
                    child.add("autodiscover." + d, "CNAME", dns.webHost());
                    cases.add("autodiscover:cname");
                }
                case 1 -> {
                    child.add("autodiscover." + d, "A", webAddress);
                    cases.add("autodiscover:a");
                }
                default -> {
                    child.add("_autodiscover._tcp." + d, "SRV", "0 0 443 " + dns.webHost());
                    cases.add("autodiscover:srv");
                }
            }
        }
        boolean lyncdiscover = dice.chance(usable ? 0.05 : 0.01);
        if (lyncdiscover) {
            boolean cname = dice.chance(0.7);
            child.add("lyncdiscover." + d, cname ? "CNAME" : "A", cname ? dns.webHost() : webAddress);
            cases.add(cname ? "lyncdiscover:cname" : "lyncdiscover:a");
        }
        boolean sip = dice.chance(usable ? 0.04 : 0.005);
        if (sip) {
            int targets = 1 + dice.weighted(50, 30, 20);
            for (int i = 1; i <= targets; i++) {
                child.add("_sipfederationtls._tcp." + d, "SRV", (10 * i) + " 1 5061 sip" + i + "." + dns.domain() + ".");
            }
            cases.add("sip:" + targets + "-targets");
        }
        return new DomainFacts.Discovery(autodiscover, lyncdiscover, sip, timeouts);
    }

    /** A domain without MX: often a parked {@code v=spf1 -all}, which the mx base leaves out. */
    private SpfVariants.Spf parkedSpf() {
        int kind = dice.weighted(30, 5, 65);
        return switch (kind) {
            case 0 -> SpfVariants.Spf.noMailRecord();
            case 1 -> new SpfVariants.Spf(List.of(List.of("v=spf1 a ~all")), 1, DomainFacts.SpfAll.SOFTFAIL,
                    false, false, List.of());
            default -> SpfVariants.Spf.none();
        };
    }

    /** Every MX host is localhost: by the name {@code localhost.}, a relative {@code localhost}, or by address. */
    private void localhostMx(String d, RecordList child, List<String> cases) {
        switch (dice.weighted(50, 30, 20)) {
            case 0 -> {
                child.add(d, "MX", "10 localhost.");
                cases.add("mx:localhost-absolute");
            }
            case 1 -> {
                // Written relative on purpose: the zone's origin turns it into localhost.<domain>.
                child.add(d, "MX", "10 localhost");
                if (dice.chance(0.5)) {
                    child.add("localhost." + d, "A", "127.0.0.1");
                }
                cases.add("mx:localhost-relative");
            }
            default -> {
                child.add(d, "MX", "10 mx." + d);
                child.add("mx." + d, "A", "127.0.0.1");
                if (dice.chance(0.5)) {
                    child.add("mx." + d, "AAAA", "::1");
                }
                cases.add("mx:localhost-address");
            }
        }
    }

    /**
     * One to three usable MX hosts, self-hosted or at a provider, with the odd cases of real
     * zones: equal preferences, a host listed twice, an MX host that is a CNAME, IPv6.
     *
     * @return whether the first host is the domain's own server
     */
    private boolean usableMx(String d, MailProvider provider, RecordList child, List<String> cases) {
        boolean selfHosted = dice.chance(0.35);
        int count = 1 + dice.weighted(60, 30, 10);
        List<String> hosts = new ArrayList<>();
        if (selfHosted) {
            hosts.add(ownMailHost("mail." + d, child, cases));
            for (int i = 2; i <= count; i++) {
                hosts.add(dice.chance(0.5) ? ownMailHost("mail" + i + "." + d, child, cases) : provider.mxHost(i - 1));
            }
            cases.add("mx:self-hosted");
        } else {
            for (int i = 1; i <= count; i++) {
                hosts.add(provider.mxHost(i));
            }
        }
        if (count > 1) {
            cases.add("mx:" + count + "-hosts");
        }
        if (dice.chance(0.04)) {
            String target = hosts.get(0);
            hosts.set(0, "mx." + d);
            child.add("mx." + d, "CNAME", target);
            cases.add("mx:cname");
        }
        boolean equalPreferences = dice.chance(0.15);
        for (int i = 0; i < hosts.size(); i++) {
            child.add(d, "MX", (equalPreferences ? 10 : 10 * (i + 1)) + " " + hosts.get(i));
        }
        if (count > 1 && dice.chance(0.05)) {
            child.add(d, "MX", "50 " + hosts.get(0)); // the same host again, at another preference
            cases.add("mx:duplicate-host");
        }
        return selfHosted;
    }

    private String ownMailHost(String host, RecordList child, List<String> cases) {
        boolean aaaa = dice.chance(0.3);
        // Most self-hosted servers want forward-confirmed reverse DNS; they get it where they are
        // alone on their address (the pool writes the PTR records at the end).
        boolean wantsOwnReverseName = dice.chance(0.9);
        child.add(host, "A", addresses.nextIpv4(host, wantsOwnReverseName));
        if (aaaa) {
            child.add(host, "AAAA", addresses.nextIpv6());
            if (!cases.contains("mx:aaaa")) {
                cases.add("mx:aaaa");
            }
        }
        return host;
    }

    private void caa(String d, RecordList child) {
        switch (dice.weighted(60, 20, 20)) {
            case 0 -> child.add(d, "CAA", "0 issue \"letsencrypt.org\"");
            case 1 -> {
                child.add(d, "CAA", "0 issue \"pki.goog\"");
                child.add(d, "CAA", "0 issuewild \";\"");
            }
            default -> {
                child.add(d, "CAA", "0 issue \"letsencrypt.org\"");
                child.add(d, "CAA", "0 iodef \"mailto:security@" + d.substring(0, d.length() - 1) + "\"");
            }
        }
    }
}
