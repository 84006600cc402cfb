package io.mailcensus.worker.spf;

import io.mailcensus.worker.spf.SpfDns.Lookup;
import io.mailcensus.worker.spf.SpfPolicy.Kind;
import io.mailcensus.worker.spf.SpfPolicy.Mechanism;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Walks a policy through all its includes and its redirect, as if no term ever matched, to
 * count what check_host() would count at worst. Unlike check_host() it does not stop at the
 * limit of 10, so the report can say by how much a domain exceeds it; it is bounded instead
 * ({@link #MAX_TERMS}, {@link #MAX_DEPTH}) and detects loops by the path it is on.
 *
 * <p>Targets written with macros depend on the sender and are counted but not followed. The
 * walk asks TXT of include/redirect targets and A or MX of macro-free a/mx targets (for void
 * lookups); ptr and exists depend on the client address and are counted only.
 */
public final class SpfWalk {

    public static final int MAX_TERMS = 30;
    public static final int MAX_DEPTH = 10;

    private final SpfDns dns;

    public SpfWalk(SpfDns dns) {
        this.dns = dns;
    }

    /** What the walk found. */
    public record Walked(int dnsTerms, int voidLookups, String problem) {}

    /** Walks the given record of {@code domain} (already selected: the domain's only v=spf1 record). */
    public CompletionStage<Walked> walk(String domain, String record) {
        State state = new State();
        List<String> path = List.of(normal(domain));
        return policy(state, domain, record, path).thenApply(done -> state.result());
    }

    private static final class State {
        int terms;
        int voids;
        String problem;
        boolean stopped;

        void problem(String reason) {
            if (problem == null) {
                problem = reason;
            }
        }

        Walked result() {
            String reason = problem;
            if (reason == null && terms > CheckHost.MAX_DNS_TERMS) {
                reason = (stopped ? "at least " : "") + terms + " DNS-querying terms, more than "
                        + CheckHost.MAX_DNS_TERMS + " (RFC 7208 4.6.4)";
            }
            if (reason == null && voids > CheckHost.MAX_VOID_LOOKUPS) {
                reason = voids + " void lookups, more than " + CheckHost.MAX_VOID_LOOKUPS + " (RFC 7208 4.6.4)";
            }
            return new Walked(terms, voids, reason);
        }
    }

    private CompletionStage<Void> policy(State state, String domain, String record, List<String> path) {
        SpfPolicy policy;
        try {
            policy = SpfPolicy.parse(record);
        } catch (SpfSyntaxException e) {
            state.problem("syntax error at " + domain + ": " + e.getMessage());
            return done();
        }
        return terms(state, domain, policy, 0, path);
    }

    private CompletionStage<Void> terms(State state, String domain, SpfPolicy policy, int from, List<String> path) {
        if (state.stopped) {
            return done();
        }
        List<Mechanism> mechanisms = policy.mechanisms();
        int index = from;
        while (index < mechanisms.size() && !mechanisms.get(index).kind().queriesDns()) {
            index++; // in a loop, not by recursion: records may hold thousands of ip4 terms
        }
        if (index == mechanisms.size()) {
            boolean hasAll = mechanisms.stream().anyMatch(m -> m.kind() == Kind.ALL);
            if (policy.redirect() == null || hasAll) {
                return done(); // with an "all", redirect is never reached (RFC 7208 6.1)
            }
            if (!count(state)) {
                return done();
            }
            return follow(state, "redirect", policy.redirect(), path);
        }
        Mechanism m = mechanisms.get(index);
        int next = index + 1;
        if (!count(state)) {
            return done();
        }
        CompletionStage<Void> step = switch (m.kind()) {
            case INCLUDE -> follow(state, "include", m.target(), path);
            case A -> voidCheck(state, m.target() == null ? domain : literal(m.target()), SpfDns.Type.A);
            case MX -> voidCheck(state, m.target() == null ? domain : literal(m.target()), SpfDns.Type.MX);
            default -> done();
        };
        return step.thenCompose(done -> terms(state, domain, policy, next, path));
    }

    /** Counts one DNS-querying term; false once the walk's bound is reached. */
    private static boolean count(State state) {
        state.terms++;
        if (state.terms >= MAX_TERMS) {
            state.stopped = true;
            return false;
        }
        return true;
    }

    private CompletionStage<Void> follow(State state, String how, MacroString spec, List<String> path) {
        String target = literal(spec);
        if (target == null) {
            return done(); // depends on the sender: counted, not followed
        }
        if (path.contains(target)) {
            state.problem(how + " loop: " + String.join(" -> ", path) + " -> " + target);
            return done();
        }
        if (path.size() > MAX_DEPTH) {
            // Deeper than 10 means more than 10 terms already: the count says enough.
            state.stopped = true;
            return done();
        }
        if (!CheckHost.validDomain(target)) {
            state.problem(how + " of a malformed name: " + target);
            return done();
        }
        return dns.lookup(target, SpfDns.Type.TXT).thenCompose(txt -> {
            if (txt.isError()) {
                return done(); // a temporary failure says nothing about the policy
            }
            if (txt.isVoid()) {
                state.voids++;
            }
            List<String> records = CheckHost.spfRecords(txt);
            if (records.isEmpty()) {
                state.problem(how + " target " + target + " has no SPF record");
                return done();
            }
            if (records.size() > 1) {
                state.problem("more than one v=spf1 record at " + how + " target " + target);
                return done();
            }
            List<String> deeper = new ArrayList<>(path);
            deeper.add(target);
            return policy(state, target, records.getFirst(), List.copyOf(deeper));
        });
    }

    private CompletionStage<Void> voidCheck(State state, String name, SpfDns.Type type) {
        if (name == null || !CheckHost.validDomain(name)) {
            return done();
        }
        return dns.lookup(name, type).thenAccept((Lookup l) -> {
            if (l.isVoid()) {
                state.voids++;
            }
        });
    }

    /** The target as a name when it has no macros; null otherwise. */
    private static String literal(MacroString spec) {
        return spec.text().indexOf('%') >= 0 ? null : normal(spec.text());
    }

    private static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
