package io.mailcensus.worker.spf;

import io.mailcensus.worker.spf.SpfDns.Lookup;
import io.mailcensus.worker.spf.SpfPolicy.Mechanism;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * RFC 7208 {@code check_host(ip, domain, sender)}, asynchronous: every DNS question goes through
 * {@link SpfDns} and evaluation continues when the answer is in, so no thread waits on DNS.
 * Terms are still evaluated strictly in order, one after the other, as section 4.6 requires.
 */
public final class CheckHost {

    /** RFC 7208 4.6.4. */
    public static final int MAX_DNS_TERMS = 10;
    public static final int MAX_VOID_LOOKUPS = 2;
    /** RFC 7208 4.6.4: MX names to look up per mx term, and PTR names per ptr term or %{p}. */
    public static final int MAX_NAMES = 10;

    private final SpfDns dns;
    private final Clock clock;
    private final String receiver;

    public CheckHost(SpfDns dns) {
        this(dns, Clock.systemUTC(), "unknown");
    }

    /** @param receiver the %{r} value: the checking host's domain name */
    public CheckHost(SpfDns dns, Clock clock, String receiver) {
        this.dns = dns;
        this.clock = clock;
        this.receiver = receiver;
    }

    /**
     * Evaluates the policy of the sender's domain (or of the HELO name when the sender is empty,
     * RFC 7208 2.4) for a client address.
     *
     * @param sender the MAIL FROM address; empty for the null reverse-path
     */
    public CompletionStage<SpfOutcome> check(InetAddress ip, String sender, String helo) {
        String from = sender == null || sender.isEmpty() ? "postmaster@" + helo : sender;
        int at = from.lastIndexOf('@');
        String local = at < 0 ? "postmaster" : from.substring(0, at);
        String domain = at < 0 ? from : from.substring(at + 1);
        if (local.isEmpty()) {
            local = "postmaster"; // RFC 7208 4.3
        }
        return checkHost(ip, domain, local + "@" + domain, local, helo);
    }

    /** check_host() with its three arguments spelled out, plus the HELO name for %{h}. */
    public CompletionStage<SpfOutcome> checkHost(InetAddress ip, String domain, String sender, String localPart, String helo) {
        MacroContext ctx = new MacroContext(ip, sender, localPart, domain, domain, helo, receiver,
                clock.instant().getEpochSecond());
        Evaluation run = new Evaluation();
        return run.evaluate(ctx, true, 0).handle((verdict, failure) -> {
            if (failure == null) {
                return new SpfOutcome(verdict.result(), verdict.explanation(), verdict.reason(), run.dnsTerms, run.voids);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof Abort abort) {
                return new SpfOutcome(abort.result, null, abort.getMessage(), run.dnsTerms, run.voids);
            }
            throw new CompletionException(cause);
        });
    }

    /** Waits for {@link #check}; for tests and command-line use, never on the scan path. */
    public SpfOutcome checkBlocking(InetAddress ip, String sender, String helo) {
        return check(ip, sender, helo).toCompletableFuture().join();
    }

    /** Ends the whole evaluation with temperror or permerror (RFC 7208 4.6: "immediately"). */
    static final class Abort extends RuntimeException {
        final SpfResult result;

        Abort(SpfResult result, String reason) {
            super(reason, null, false, false);
            this.result = result;
        }
    }

    record Verdict(SpfResult result, String explanation, String reason) {
        static Verdict of(SpfResult result) {
            return new Verdict(result, null, null);
        }
    }

    /** Selects the one v=spf1 record of a TXT answer (RFC 7208 4.5), or says why there is none. */
    public static List<String> spfRecords(Lookup txt) {
        List<String> out = new ArrayList<>();
        for (String text : txt.values()) {
            if (isSpf(text)) {
                out.add(text);
            }
        }
        return out;
    }

    static boolean isSpf(String text) {
        return text.regionMatches(true, 0, "v=spf1", 0, 6) && (text.length() == 6 || text.charAt(6) == ' ');
    }

    /** RFC 7208 4.3: a multi-label name of 1..63-octet labels, at most 253 long; no address literal. */
    public static boolean validDomain(String domain) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.isEmpty() || d.length() > 253 || d.indexOf('.') < 0 || d.startsWith("[")) {
            return false;
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }

    /** RFC 7208 4.8: drop labels from the left until the name fits in 253 characters. */
    static String queryName(String expanded) {
        String name = expanded.endsWith(".") ? expanded.substring(0, expanded.length() - 1) : expanded;
        while (name.length() > 253 && name.indexOf('.') >= 0) {
            name = name.substring(name.indexOf('.') + 1);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** The counters of one top-level check_host(): they span every include and redirect. */
    private final class Evaluation {
        private int dnsTerms;
        private int voids;

        CompletionStage<Verdict> evaluate(MacroContext ctx, boolean wantExplanation, int depth) {
            String domain = ctx.domain();
            if (!validDomain(domain)) {
                return CompletableFuture.completedFuture(new Verdict(SpfResult.NONE, null, "not a valid domain: " + domain));
            }
            return dns.lookup(queryName(domain), SpfDns.Type.TXT).thenCompose(txt -> {
                if (txt.isError()) {
                    throw new Abort(SpfResult.TEMPERROR, "DNS error looking up TXT " + domain);
                }
                List<String> records = spfRecords(txt);
                if (records.isEmpty()) {
                    return CompletableFuture.completedFuture(new Verdict(SpfResult.NONE, null, "no SPF record at " + domain));
                }
                if (records.size() > 1) {
                    throw new Abort(SpfResult.PERMERROR, "more than one v=spf1 record at " + domain + " (RFC 7208 4.5)");
                }
                SpfPolicy policy;
                try {
                    policy = SpfPolicy.parse(records.getFirst());
                } catch (SpfSyntaxException e) {
                    throw new Abort(SpfResult.PERMERROR, "syntax error at " + domain + ": " + e.getMessage());
                }
                return terms(ctx, policy, 0, wantExplanation, depth);
            });
        }

        private CompletionStage<Verdict> terms(MacroContext ctx, SpfPolicy policy, int from, boolean wantExplanation, int depth) {
            List<Mechanism> mechanisms = policy.mechanisms();
            int index = from;
            // Terms without DNS are decided here in a loop: a record of thousands of ip4 terms
            // must not nest thousands of stages. Only DNS terms (at most 10) recurse.
            while (index < mechanisms.size() && !mechanisms.get(index).kind().queriesDns()) {
                Mechanism m = mechanisms.get(index);
                if (matchesWithoutDns(ctx.ip(), m)) {
                    return matched(ctx, policy, m, wantExplanation);
                }
                index++;
            }
            if (index == mechanisms.size()) {
                return noMatch(ctx, policy, wantExplanation, depth);
            }
            Mechanism m = mechanisms.get(index);
            int next = index + 1;
            return matches(ctx, m, depth).thenCompose(matched -> matched
                    ? matched(ctx, policy, m, wantExplanation)
                    : terms(ctx, policy, next, wantExplanation, depth));
        }

        private CompletionStage<Verdict> matched(MacroContext ctx, SpfPolicy policy, Mechanism m, boolean wantExplanation) {
            SpfResult result = m.result();
            if (result == SpfResult.FAIL && wantExplanation && policy.exp() != null) {
                return explain(ctx, policy.exp()).thenApply(text -> new Verdict(result, text, null));
            }
            return CompletableFuture.completedFuture(Verdict.of(result));
        }

        private CompletionStage<Verdict> noMatch(MacroContext ctx, SpfPolicy policy, boolean wantExplanation, int depth) {
            if (policy.redirect() == null) {
                return CompletableFuture.completedFuture(Verdict.of(SpfResult.NEUTRAL));
            }
            countTerm("redirect=" + policy.redirectText());
            return expandDomain(ctx, policy.redirect()).thenCompose(target -> {
                if (!validDomain(target)) {
                    throw new Abort(SpfResult.PERMERROR, "redirect to a malformed name: " + target);
                }
                return evaluate(ctx.withDomain(queryName(target)), wantExplanation, depth + 1).thenApply(v -> {
                    if (v.result() == SpfResult.NONE) {
                        throw new Abort(SpfResult.PERMERROR, "redirect target " + target + " has no SPF record");
                    }
                    return v;
                });
            });
        }

        /** The DNS-querying mechanisms: include, a, mx, ptr, exists. */
        private CompletionStage<Boolean> matches(MacroContext ctx, Mechanism m, int depth) {
            InetAddress ip = ctx.ip();
            boolean v4 = Addresses.isV4(ip);
            countTerm(m.kind().name().toLowerCase(Locale.ROOT));
            return target(ctx, m).thenCompose(target -> switch (m.kind()) {
                case INCLUDE -> include(ctx, target, depth);
                case A -> addressesOf(target, v4, true).thenApply(addresses -> anyInNetwork(ip, addresses, m));
                case MX -> mx(ip, target, m);
                case PTR -> ptr(ctx, target);
                case EXISTS -> exists(target);
                default -> throw new IllegalStateException(m.kind().name());
            });
        }

        private CompletionStage<Boolean> include(MacroContext ctx, String target, int depth) {
            return evaluate(ctx.withDomain(target), false, depth + 1).thenApply(v -> switch (v.result()) {
                case PASS -> true;
                case FAIL, SOFTFAIL, NEUTRAL -> false;
                case NONE -> throw new Abort(SpfResult.PERMERROR, "include target " + target + " has no SPF record");
                // Aborts travel as exceptions; these two cannot arrive as verdicts.
                case TEMPERROR, PERMERROR -> throw new Abort(v.result(), v.reason());
            });
        }

        private CompletionStage<Boolean> mx(InetAddress ip, String target, Mechanism m) {
            return lookup(target, SpfDns.Type.MX, true).thenCompose(mx -> {
                if (mx.values().size() > MAX_NAMES) {
                    throw new Abort(SpfResult.PERMERROR, "more than " + MAX_NAMES + " MX names at " + target);
                }
                List<CompletableFuture<List<InetAddress>>> hosts = mx.values().stream()
                        .map(host -> addressesOf(host, Addresses.isV4(ip), false).toCompletableFuture())
                        .toList();
                return CompletableFuture.allOf(hosts.toArray(CompletableFuture[]::new))
                        .thenApply(all -> hosts.stream().anyMatch(h -> anyInNetwork(ip, h.join(), m)));
            });
        }

        private CompletionStage<Boolean> ptr(MacroContext ctx, String target) {
            return validatedNames(ctx.ip(), true).thenApply(names -> names.stream()
                    .anyMatch(n -> n.equals(target) || n.endsWith("." + target)));
        }

        private CompletionStage<Boolean> exists(String target) {
            // exists always asks A, whatever the client's address family (RFC 7208 5.7).
            return lookup(target, SpfDns.Type.A, true).thenApply(a -> !a.values().isEmpty());
        }

        /** A or AAAA of a name; an error is a temperror, an empty answer maybe a void lookup. */
        private CompletionStage<List<InetAddress>> addressesOf(String name, boolean v4, boolean countVoid) {
            return lookup(name, v4 ? SpfDns.Type.A : SpfDns.Type.AAAA, countVoid).thenApply(l -> l.values().stream()
                    .map(Addresses::literal)
                    .filter(a -> a != null && Addresses.isV4(a) == v4)
                    .toList());
        }

        private CompletionStage<Lookup> lookup(String name, SpfDns.Type type, boolean countVoid) {
            if (!validDomain(name)) {
                // A name no query can carry: treated as a name that does not exist.
                if (countVoid) {
                    countVoid(name);
                }
                return CompletableFuture.completedFuture(Lookup.NXDOMAIN);
            }
            return dns.lookup(name, type).thenApply(l -> {
                if (l.isError()) {
                    throw new Abort(SpfResult.TEMPERROR, "DNS error looking up " + type + " " + name);
                }
                if (countVoid && l.isVoid()) {
                    countVoid(name);
                }
                return l;
            });
        }

        private void countTerm(String term) {
            dnsTerms++;
            if (dnsTerms > MAX_DNS_TERMS) {
                throw new Abort(SpfResult.PERMERROR, "more than " + MAX_DNS_TERMS + " DNS-querying terms (RFC 7208 4.6.4), at " + term);
            }
        }

        private void countVoid(String name) {
            voids++;
            if (voids > MAX_VOID_LOOKUPS) {
                throw new Abort(SpfResult.PERMERROR, "more than " + MAX_VOID_LOOKUPS + " void lookups (RFC 7208 4.6.4), at " + name);
            }
        }

        private CompletionStage<String> target(MacroContext ctx, Mechanism m) {
            return m.target() == null ? done(ctx.domain()) : expandDomain(ctx, m.target()).thenApply(CheckHost::queryName);
        }

        private CompletionStage<String> expandDomain(MacroContext ctx, MacroString spec) {
            return expand(ctx, spec);
        }

        private CompletionStage<String> expand(MacroContext ctx, MacroString macro) {
            if (!macro.usesP()) {
                return done(macro.expand(ctx, null));
            }
            return validatedNames(ctx.ip(), false).thenApply(names -> macro.expand(ctx, preferred(names, ctx.domain())));
        }

        /** RFC 7208 6.2: any trouble with the explanation means "no explanation", never an error. */
        private CompletionStage<String> explain(MacroContext ctx, MacroString exp) {
            return expand(ctx, exp).thenCompose(name -> {
                String target = queryName(name);
                if (!validDomain(target)) {
                    return done((String) null);
                }
                return dns.lookup(target, SpfDns.Type.TXT).thenCompose(txt -> {
                    if (txt.isError() || txt.values().size() != 1) {
                        return done((String) null);
                    }
                    MacroString text;
                    try {
                        text = MacroString.parse(txt.values().getFirst(), true);
                    } catch (SpfSyntaxException e) {
                        return done((String) null);
                    }
                    return expand(ctx, text);
                });
            }).exceptionally(failure -> null);
        }

        /**
         * The names of the client's PTR records whose own addresses include it (RFC 7208 5.5):
         * at most 10 names are tried; one that fails to resolve is skipped.
         */
        private CompletionStage<List<String>> validatedNames(InetAddress ip, boolean countVoid) {
            boolean v4 = Addresses.isV4(ip);
            return dns.lookup(Addresses.reverseName(ip), SpfDns.Type.PTR).thenCompose(ptr -> {
                if (ptr.isError()) {
                    return done(List.<String>of());
                }
                if (countVoid && ptr.isVoid()) {
                    countVoid(Addresses.reverseName(ip));
                }
                List<String> names = ptr.values().stream().limit(MAX_NAMES).toList();
                List<CompletableFuture<Boolean>> checks = names.stream()
                        .map(name -> validDomain(name)
                                ? dns.lookup(name, v4 ? SpfDns.Type.A : SpfDns.Type.AAAA)
                                        .thenApply(l -> l.values().stream().map(Addresses::literal).anyMatch(ip::equals))
                                        .toCompletableFuture()
                                : CompletableFuture.completedFuture(false))
                        .toList();
                return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenApply(all -> {
                    List<String> valid = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        if (checks.get(i).join()) {
                            valid.add(names.get(i).toLowerCase(Locale.ROOT));
                        }
                    }
                    return valid;
                });
            });
        }
    }

    /** %{p}: the target domain itself if validated, else a subdomain of it, else any validated name. */
    static String preferred(List<String> validated, String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return validated.stream().filter(d::equals).findFirst()
                .or(() -> validated.stream().filter(n -> n.endsWith("." + d)).findFirst())
                .or(() -> validated.stream().findFirst())
                .orElse("unknown");
    }

    /** all, ip4, ip6. */
    private static boolean matchesWithoutDns(InetAddress ip, Mechanism m) {
        boolean v4 = Addresses.isV4(ip);
        return switch (m.kind()) {
            case ALL -> true;
            case IP4, IP6 -> Addresses.isV4(m.network()) == v4
                    && Addresses.inNetwork(ip, m.network(), v4 ? m.cidr4() : m.cidr6());
            default -> throw new IllegalArgumentException(m.kind() + " needs DNS");
        };
    }

    private static boolean anyInNetwork(InetAddress ip, List<InetAddress> addresses, Mechanism m) {
        int prefix = Addresses.isV4(ip) ? m.cidr4() : m.cidr6();
        return addresses.stream().anyMatch(a -> Addresses.inNetwork(ip, a, prefix));
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
