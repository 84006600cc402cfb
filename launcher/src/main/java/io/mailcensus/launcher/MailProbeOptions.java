package io.mailcensus.launcher;

import io.mailcensus.worker.https.HttpsSettings;
import io.mailcensus.worker.https.WebProbeSettings;
import io.mailcensus.worker.https.WebSetup;
import io.mailcensus.worker.mailserver.MailServerBudget;
import io.mailcensus.worker.mailserver.MailServerSettings;
import io.mailcensus.worker.net.AddressPolicy;
import io.mailcensus.worker.net.Cidr;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.PolitenessSettings;
import io.mailcensus.worker.smtp.SmtpProbeSettings;
import io.mailcensus.worker.tls.TrustStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How mail and web servers are probed: identity, politeness, opt-out, trust. Shared by scan and check. */
final class MailProbeOptions {

    static final String DEFAULT_USER_AGENT = "mailcensus (domain security census; see --user-agent)";

    @Option(names = "--no-smtp", description = "no SMTP probes (DNS and HTTPS only)")
    boolean noSmtp;

    @Option(names = "--no-http", description = "no HTTPS probes (MTA-STS policy, security.txt, Microsoft 365)")
    boolean noHttp;

    @Option(names = "--ehlo", paramLabel = "NAME", defaultValue = MailServerSettings.DEFAULT_EHLO,
            description = "the name the scanner gives in EHLO; point it at a page about the scan (default: ${DEFAULT-VALUE})")
    String ehlo;

    @Option(names = "--smtp-rate", paramLabel = "PER_MINUTE", defaultValue = "" + PolitenessSettings.DEFAULT_PER_MINUTE,
            description = "new connections per minute to one IP address (default: ${DEFAULT-VALUE})")
    int smtpRate = PolitenessSettings.DEFAULT_PER_MINUTE; // also the value where check does not take the option

    @Option(names = "--smtp-connections", paramLabel = "N", defaultValue = "" + PolitenessSettings.DEFAULT_CONNECTIONS,
            description = "connections at once to one IP address (default: ${DEFAULT-VALUE})")
    int smtpConnections = PolitenessSettings.DEFAULT_CONNECTIONS; // also the value where check does not take the option

    @Option(names = "--smtp-concurrency", paramLabel = "N", defaultValue = "" + MailServerSettings.DEFAULT_MAX_ACTIVE,
            description = "mail server probes active at once, all servers together (default: ${DEFAULT-VALUE})")
    int smtpConcurrency = MailServerSettings.DEFAULT_MAX_ACTIVE; // also the value where check does not take the option

    @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "25",
            description = "the SMTP port to probe; other than 25 only for test beds (default: ${DEFAULT-VALUE})")
    int smtpPort;

    @Option(names = "--smtp-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "per SMTP step (connect, greeting, each reply, TLS handshake); a whole probe gets 4x (default: ${DEFAULT-VALUE})")
    String smtpTimeout;

    @Option(names = "--mx-budget", paramLabel = "DURATION", defaultValue = "2m",
            description = "how long after the first of a domain's mail server probes started the others may still "
                    + "start; those that have not are stored not probed ('not_probed: budget'), so one domain cannot "
                    + "hold the end of a scan (default: ${DEFAULT-VALUE})")
    String mxBudget;

    @Option(names = "--mx-hosts-per-address", paramLabel = "N",
            defaultValue = "" + MailServerBudget.DEFAULT_HOSTS_PER_ADDRESS,
            description = "MX host names of one domain probed on one address (IPv6: one /64); the rest are stored "
                    + "not probed (default: ${DEFAULT-VALUE})")
    int mxHostsPerAddress;

    @Option(names = "--mx-pairs", paramLabel = "N", defaultValue = "" + MailServerBudget.DEFAULT_PAIRS_PER_DOMAIN,
            description = "(MX host, address) pairs of one domain probed, in preference order; the rest are stored "
                    + "not probed (default: ${DEFAULT-VALUE})")
    int mxPairs;

    @Option(names = "--smtp-every-name",
            description = "connect once for every (MX host, address) pair; by default an address that answered two "
                    + "host names alike in this round (no TLS, or the same certificate for both SNI names) answers its "
                    + "other names from that connection, except names with TLSA records")
    boolean smtpEveryName;

    @Option(names = "--user-agent", paramLabel = "TEXT", defaultValue = DEFAULT_USER_AGENT,
            description = "the User-Agent of HTTPS probes; point it at a page about the scan (default: ${DEFAULT-VALUE})")
    String userAgent;

    @Option(names = "--https-rate", paramLabel = "PER_MINUTE", defaultValue = "" + WebSetup.DEFAULT_PER_MINUTE,
            description = "new HTTPS connections per minute to one IP address to start with; the gate adapts up to "
                    + WebSetup.DEFAULT_MAX_PER_MINUTE + " while the server answers quickly and cleanly, and down on 429, 503, "
                    + "resets, timeouts or rising latency (default: ${DEFAULT-VALUE})")
    int httpsRate = WebSetup.DEFAULT_PER_MINUTE; // also the value where check does not take the option

    @Option(names = "--https-connections", paramLabel = "N", defaultValue = "" + WebSetup.DEFAULT_CONNECTIONS,
            description = "HTTPS connections at once to one IP address to start with; adapts up to "
                    + WebSetup.DEFAULT_MAX_CONNECTIONS + " (default: ${DEFAULT-VALUE})")
    int httpsConnections = WebSetup.DEFAULT_CONNECTIONS; // also the value where check does not take the option

    @Option(names = "--https-backlog", paramLabel = "N", defaultValue = "" + WebSetup.DEFAULT_BACKLOG,
            description = "domains whose DNS checks are done that may wait for their HTTPS probes (at busy web servers) "
                    + "without holding a --concurrency slot (default: ${DEFAULT-VALUE})")
    int httpsBacklog = WebSetup.DEFAULT_BACKLOG; // also the value where check does not take the option

    @Option(names = "--https-port", paramLabel = "PORT", defaultValue = "443",
            description = "the HTTPS port; other than 443 only for test beds (default: ${DEFAULT-VALUE})")
    int httpsPort;

    @Option(names = "--m365-all", description = "ask Microsoft 365 for every domain, not only where DNS points to it")
    boolean m365All;

    @Option(names = "--smtp-politeness", paramLabel = "KEY=VALUE", split = ",",
            description = "fine-tuning of the SMTP gates: connections, per-minute, delay-factor, max-delay, backoff-base, "
                    + "backoff-max, quarantine-after, lease (durations as PT30S or seconds), e.g. backoff-base=PT1S")
    Map<String, String> smtpPoliteness = new HashMap<>();

    @Option(names = "--https-politeness", paramLabel = "KEY=VALUE", split = ",",
            description = "the same for the HTTPS gates, plus their adaptive ceiling: max-per-minute, max-connections "
                    + "(equal to the rate and connections: a fixed gate)")
    Map<String, String> httpsPoliteness = new HashMap<>();

    @Option(names = "--opt-out", paramLabel = "FILE",
            description = "domains, host names and CIDR ranges never to contact (one a line, # comments)")
    Path optOut;

    @Option(names = "--allow-address", paramLabel = "CIDR",
            description = "an address block the scanner may connect to although it is special-purpose (loopback, "
                    + "private, ...), e.g. 127.0.0.0/8 for a test bed (repeatable; default: none)")
    List<String> allowAddress = new ArrayList<>();

    @Option(names = "--trust-store", paramLabel = "FILE",
            description = "PEM CA bundle the TLS certificates are judged against (default: the JDK's)")
    Path trustStore;

    /**
     * How long a failing host is tried before it is given up for the round. The gate's own
     * defaults (30 s backoff doubling, quarantine after 5 failures in a row) keep a dead address
     * in backoff for 7.5 minutes; a scan gives an SMTP host 3 tries over 45 s and an HTTPS host
     * 3 tries over 15 s, which is as polite (fewer connections) and does not leave domains waiting
     * on a server that refuses. A slow SMTP conversation stretches the pause before the next one
     * to its address (5 times its length) up to 30 s, Heritrix's own cap, not the gate's 5
     * minutes: a conversation is slow mostly while the server queues connections, and at 5
     * minutes the second name on a shared mail server waited past its domain's time budget and was
     * left unknown. {@code --smtp-politeness} / {@code --https-politeness} override.
     */
    static final Map<String, String> SMTP_GIVE_UP = Map.of("backoff-base", "PT15S", "quarantine-after", "3",
            "max-delay", "PT30S");
    static final Map<String, String> HTTPS_GIVE_UP = Map.of("backoff-base", "PT5S", "backoff-max", "PT1M",
            "quarantine-after", "3");


    private OptOutList optOutList;
    private TrustStore trust;
    private AddressPolicy addressPolicy;

    /** The SMTP side; it reads the opt-out list (see {@link #optOut}). */
    MailServerSettings settings(PrintStream err) {
        optOutList = optOutList(err);
        try {
            var step = ProbeOptions.duration(smtpTimeout);
            SmtpProbeSettings smtp = SmtpProbeSettings.defaults(ehlo).withPort(smtpPort)
                    .withTimeouts(step, step.multipliedBy(4));
            return new MailServerSettings(!noSmtp, smtp,
                    politeness("smtp", SMTP_GIVE_UP, smtpRate, smtpConnections, smtpPoliteness), optOutList, trust(),
                    smtpConcurrency, addresses(),
                    new MailServerBudget(mxHostsPerAddress, mxPairs, ProbeOptions.duration(mxBudget)), smtpEveryName);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** The HTTPS side. */
    WebSetup web() {
        try {
            HttpsSettings https = HttpsSettings.defaults(userAgent).withPort(httpsPort).withTrustStore(trust())
                    .withAddressPolicy(addresses());
            return new WebSetup(!noHttp, WebProbeSettings.defaults(https).withM365ForAll(m365All),
                    httpsPoliteness(), httpsBacklog);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    /**
     * The HTTPS gates adapt from --https-rate and --https-connections up to the ceiling
     * (raised to them when they are set higher); {@code --https-politeness max-per-minute=N,max-connections=N}
     * moves the ceiling, and setting it equal to the rate makes the gate fixed.
     */
    private PolitenessSettings httpsPoliteness() {
        // the rate and connections as finally set (--https-politeness per-minute=N wins over --https-rate)
        int rate = intOr(httpsPoliteness.get("per-minute"), httpsRate);
        int connections = intOr(httpsPoliteness.get("connections"), httpsConnections);
        Map<String, String> ceiling = new HashMap<>();
        ceiling.put("max-per-minute", Integer.toString(Math.max(rate, WebSetup.DEFAULT_MAX_PER_MINUTE)));
        ceiling.put("max-connections", Integer.toString(Math.max(connections, WebSetup.DEFAULT_MAX_CONNECTIONS)));
        ceiling.putAll(httpsPoliteness);
        return politeness("https", HTTPS_GIVE_UP, httpsRate, httpsConnections, ceiling);
    }

    /** {@code text} as an integer, or {@code fallback} when absent or not one (the settings then say why). */
    private static int intOr(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The scan's give-up rule, then --*-rate and --*-connections, then the KEY=VALUE overrides. */
    private static PolitenessSettings politeness(String protocol, Map<String, String> giveUp, int perMinute,
            int connections, Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(giveUp);
        options.put("per-minute", Integer.toString(perMinute));
        options.put("connections", Integer.toString(connections));
        options.putAll(overrides);
        try {
            return PolitenessSettings.fromOptions(options);
        } catch (IllegalArgumentException e) {
            throw new UserException(flagOf(protocol, e.getMessage(), overrides) + ": " + e.getMessage());
        }
    }

    /** The option the user wrote that the settings' complaint is about: --https-rate, not "perMinute". */
    static String flagOf(String protocol, String message, Map<String, String> overrides) {
        String text = message == null ? "" : message;
        if (text.startsWith("perMinute") && !overrides.containsKey("per-minute")) {
            return "--" + protocol + "-rate";
        }
        if (text.startsWith("connections") && !overrides.containsKey("connections")) {
            return "--" + protocol + "-connections";
        }
        return "--" + protocol + "-politeness";
    }

    /** The list read by {@link #settings}: SMTP and HTTPS honour the same one. */
    OptOutList optOut() {
        return optOutList;
    }

    private OptOutList optOutList(PrintStream err) {
        if (optOut == null) {
            return OptOutList.empty();
        }
        try {
            OptOutList list = OptOutList.read(optOut);
            if (list.malformedCount() > 0) {
                err.printf("--opt-out %s: %,d malformed lines ignored, e.g. line %d: %s%n", optOut,
                        list.malformedCount(), list.malformed().getFirst().lineNumber(),
                        list.malformed().getFirst().reason());
            }
            return list;
        } catch (IOException e) {
            throw new UserException("cannot read --opt-out " + optOut + ": " + e.getMessage());
        }
    }

    /** Where SMTP and HTTPS may connect: one policy for both, built once. */
    private AddressPolicy addresses() {
        if (addressPolicy == null) {
            List<Cidr> allowed = new ArrayList<>();
            for (String block : allowAddress) {
                try {
                    allowed.add(Cidr.parse(block));
                } catch (IllegalArgumentException e) {
                    throw new UserException("--allow-address: " + e.getMessage());
                }
            }
            addressPolicy = AddressPolicy.forThisMachine(allowed);
        }
        return addressPolicy;
    }

    /** Read once, for the SMTP and the HTTPS verdicts alike. */
    private TrustStore trust() {
        if (trust == null) {
            trust = readTrust();
        }
        return trust;
    }

    private TrustStore readTrust() {
        if (trustStore == null) {
            return TrustStore.jdkDefault();
        }
        try {
            return TrustStore.fromPemFile(trustStore);
        } catch (RuntimeException e) {
            throw new UserException("cannot read --trust-store " + trustStore + ": " + e.getMessage());
        }
    }
}
