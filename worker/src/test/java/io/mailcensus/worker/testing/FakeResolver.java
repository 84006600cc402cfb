package io.mailcensus.worker.testing;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An in-memory {@link Resolver} answering from a map, like a recursive resolver would: records
 * at the asked name (with any CNAME chain put in front), NODATA for a known name without the
 * type, NXDOMAIN for an unknown name; or a scripted failure. Answers arrive after a delay on
 * its own "I/O" thread, like dnsjava's selector, so callers really run concurrently, and it
 * counts how many queries were outstanding at once.
 */
public final class FakeResolver implements Resolver {

    /** What one query gets. */
    public sealed interface Behaviour {}

    public record Rcoded(int rcode) implements Behaviour {}

    public record Timeout() implements Behaviour {}

    public record Hang() implements Behaviour {}

    public record NetworkError() implements Behaviour {}

    public record Truncated() implements Behaviour {}

    private record Key(String name, int type) {}

    public static final String IO_THREAD = "fake-dnsjava-io";

    private final Map<Name, List<Record>> zone = new HashMap<>();
    private final Map<Key, Deque<Behaviour>> scripted = new HashMap<>();
    private final Set<Name> emptyNames = new HashSet<>();
    private Behaviour everything;
    private final Map<Name, Behaviour> below = new HashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger maxOutstanding = new AtomicInteger();
    private final ScheduledExecutorService io = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, IO_THREAD);
        t.setDaemon(true);
        return t;
    });
    private final long delayMillis;

    public FakeResolver(Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    public FakeResolver() {
        this(Duration.ofMillis(2));
    }

    /** Adds records in zone-file syntax, e.g. {@code "example.ch. 300 IN MX 10 mx.example.ch."}. */
    public synchronized FakeResolver add(String... lines) {
        for (String line : lines) {
            Record r = parse(line);
            zone.computeIfAbsent(r.getName(), n -> new ArrayList<>()).add(r);
        }
        return this;
    }

    /** A name that exists without any records (an empty non-terminal): NODATA for every type. */
    public synchronized FakeResolver exists(String name) {
        emptyNames.add(name(name));
        return this;
    }

    /** The next queries for (name, type) get these behaviours in turn; then the zone answers. */
    public synchronized FakeResolver script(String name, int type, Behaviour... behaviours) {
        scripted.computeIfAbsent(new Key(name(name).toString().toLowerCase(Locale.ROOT), type), k -> new ArrayDeque<>())
                .addAll(List.of(behaviours));
        return this;
    }

    /** Every query for (name, type) gets this behaviour, however often it is asked. */
    public synchronized FakeResolver always(String name, int type, Behaviour behaviour) {
        Deque<Behaviour> forever = new ArrayDeque<>();
        for (int i = 0; i < 100; i++) {
            forever.add(behaviour);
        }
        scripted.put(new Key(name(name).toString().toLowerCase(Locale.ROOT), type), forever);
        return this;
    }

    /** Every query that has no script gets this behaviour instead of the zone's answer. */
    public synchronized FakeResolver everything(Behaviour behaviour) {
        this.everything = behaviour;
        return this;
    }

    /** Every query for a name strictly below {@code name} that has no script gets this behaviour. */
    public synchronized FakeResolver everythingBelow(String name, Behaviour behaviour) {
        below.put(name(name), behaviour);
        return this;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        Record question = query.getQuestion();
        log.add(Type.string(question.getType()) + " " + question.getName());
        int now = outstanding.incrementAndGet();
        maxOutstanding.accumulateAndGet(now, Math::max);
        CompletableFuture<Message> result = new CompletableFuture<>();
        Behaviour behaviour = next(question);
        if (behaviour instanceof Hang) {
            return result; // never completes; never leaves "outstanding" either
        }
        io.schedule(() -> {
            outstanding.decrementAndGet();
            switch (behaviour) {
                case Timeout t -> result.completeExceptionally(new SocketTimeoutException("Query timed out"));
                case NetworkError n -> result.completeExceptionally(new PortUnreachableException("ICMP port unreachable"));
                case Rcoded r -> result.complete(response(query, r.rcode(), List.of()));
                case Truncated t -> {
                    Message m = response(query, Rcode.NOERROR, List.of());
                    m.getHeader().setFlag(Flags.TC);
                    result.complete(m);
                }
                case null -> result.complete(fromZone(query));
                case Hang h -> throw new AssertionError("unreachable");
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
        return result;
    }

    private synchronized Behaviour next(Record question) {
        Deque<Behaviour> queue = scripted.get(new Key(question.getName().toString().toLowerCase(Locale.ROOT), question.getType()));
        Behaviour next = queue == null ? null : queue.poll();
        if (next == null) {
            next = below.entrySet().stream()
                    .filter(e -> !question.getName().equals(e.getKey()) && question.getName().subdomain(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return next != null ? next : everything;
    }

    private synchronized Message fromZone(Message query) {
        Record question = query.getQuestion();
        List<Record> answer = new ArrayList<>();
        Name current = question.getName();
        for (int hop = 0; hop < 8; hop++) {
            List<Record> here = zone.getOrDefault(current, List.of());
            List<Record> matching = here.stream().filter(r -> r.getType() == question.getType()).toList();
            if (!matching.isEmpty()) {
                answer.addAll(matching);
                return response(query, Rcode.NOERROR, answer);
            }
            boolean emptyNonTerminal = here.isEmpty() && (emptyNames.contains(current) || hasDescendant(current));
            if (here.isEmpty() && !emptyNonTerminal) {
                here = wildcardFor(current);
                matching = here.stream().filter(r -> r.getType() == question.getType()).toList();
                if (!matching.isEmpty()) {
                    answer.addAll(matching);
                    return response(query, Rcode.NOERROR, answer);
                }
            }
            Record cname = here.stream().filter(r -> r.getType() == Type.CNAME).findFirst().orElse(null);
            if (cname == null) {
                boolean exists = !here.isEmpty() || emptyNonTerminal;
                return response(query, exists ? Rcode.NOERROR : Rcode.NXDOMAIN, answer);
            }
            answer.add(cname);
            current = ((org.xbill.DNS.CNAMERecord) cname).getTarget();
        }
        return response(query, Rcode.SERVFAIL, List.of());
    }

    /** RFC 8020: a name with records below it exists (an empty non-terminal answers NODATA). */
    private boolean hasDescendant(Name name) {
        return zone.keySet().stream().anyMatch(n -> !n.equals(name) && n.subdomain(name));
    }

    /**
     * RFC 4592 in short: a name that does not exist is answered from {@code *.<closest encloser>},
     * the closest encloser being the nearest ancestor that has records or names below it.
     * Records are renamed to the asked name, as a server synthesises them.
     */
    private List<Record> wildcardFor(Name name) {
        for (int labels = name.labels() - 1; labels >= 1; labels--) {
            Name ancestor = new Name(name, name.labels() - labels);
            boolean exists = zone.containsKey(ancestor) || emptyNames.contains(ancestor)
                    || zone.keySet().stream().anyMatch(n -> !n.equals(ancestor) && n.subdomain(ancestor));
            if (exists) {
                try {
                    Name star = Name.concatenate(Name.fromConstantString("*"), ancestor);
                    return zone.getOrDefault(star, List.of()).stream().map(r -> r.withName(name)).toList();
                } catch (org.xbill.DNS.NameTooLongException e) {
                    return List.of();
                }
            }
        }
        return List.of();
    }

    private static Message response(Message query, int rcode, List<Record> answer) {
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.RA);
        m.getHeader().setRcode(rcode);
        m.addRecord(query.getQuestion(), Section.QUESTION);
        answer.forEach(r -> m.addRecord(r, Section.ANSWER));
        return m;
    }

    /** Queries seen, as "TYPE name." in arrival order. */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    public long count(String type, String name) {
        String entry = type + " " + name(name);
        return log().stream().filter(entry::equalsIgnoreCase).count();
    }

    public int maxOutstanding() {
        return maxOutstanding.get();
    }

    public void shutdown() {
        io.shutdownNow();
    }

    public static Name name(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Record parse(String line) {
        // "owner ttl IN TYPE rdata..."
        String[] parts = line.trim().split("\\s+", 5);
        try {
            Name owner = Name.fromString(parts[0], Name.root);
            long ttl = Long.parseLong(parts[1]);
            int type = Type.value(parts[3]);
            return Record.fromString(owner, type, org.xbill.DNS.DClass.IN, ttl, parts[4], Name.root);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad record line: " + line, e);
        }
    }

    // Resolver's configuration methods: nothing to configure in memory.
    @Override public void setPort(int port) {}
    @Override public void setTCP(boolean flag) {}
    @Override public void setIgnoreTruncation(boolean flag) {}
    @Override public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}
    @Override public void setTSIGKey(TSIG key) {}
    @Override public void setTimeout(Duration timeout) {}
}
