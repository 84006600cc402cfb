package io.mailcensus.worker.mailserver;

import io.mailcensus.schemas.TlsStatus;
import io.mailcensus.worker.politeness.Outcome;
import io.mailcensus.worker.smtp.MailServerTarget;
import io.mailcensus.worker.smtp.SmtpFailure;
import io.mailcensus.worker.smtp.SmtpProbeResult;
import io.mailcensus.worker.tls.CertificateRecords;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What each mail server address answered this round, so that its other MX host names need no
 * connection of their own where the name cannot change the answer.
 *
 * <p>On a real TLD thousands of host names ({@code mail.<customer>.ch}) point at one shared
 * hosting address. The server cannot know which of them we looked up until the TLS handshake
 * carries it as SNI: the greeting, EHLO and whether STARTTLS is offered are the same for every
 * name. So:
 * <ul>
 *   <li>an address whose answer ended before TLS (no STARTTLS, STARTTLS refused, a 5xx greeting)
 *       is asked once: its other names reuse that answer;</li>
 *   <li>an address that did TLS is asked with two different names; when both handshakes agree
 *       (same certificate chain, protocol, cipher, outcome) the server does not choose by SNI,
 *       and its further names reuse the first answer, with their own host-name verdict;</li>
 *   <li>when two answers differ the address is SNI-sensitive: every name gets its own connection
 *       for the rest of the round.</li>
 * </ul>
 * Only clean answers teach anything: a timeout, a 4xx, a reset or a refused connection says
 * nothing about the server's configuration, and the next name asks again under the gate. A name
 * with TLSA records is always asked itself (the caller's rule): a DANE verdict must come from the
 * certificate the server shows for that name.
 *
 * <p>Memory: an entry holds one answer with its certificate chain (a few KB), for at most
 * {@link #MAX_ADDRESSES} addresses, the least recently asked forgotten first: a shared hosting
 * address is asked all the time and stays; a forgotten one costs its next name a connection, as
 * before. Thread-safe.
 */
final class SharedAddressAnswers {

    /** A clean answer of one connection, and when it was read. */
    record Seen(SmtpProbeResult result, Instant at) {}

    private enum State { LEARNING, SAME_FOR_EVERY_NAME, DEPENDS_ON_NAME }

    private static final class Address {
        final Seen first;
        final List<String> fingerprint;
        State state;

        Address(Seen first, List<String> fingerprint, State state) {
            this.first = first;
            this.fingerprint = fingerprint;
            this.state = state;
        }
    }

    /** Addresses remembered at once (about 10 KB each at most: 40 MB). */
    static final int MAX_ADDRESSES = 4_096;

    private final int maxAddresses;
    private final Map<InetSocketAddress, Address> addresses; // guarded by this
    private Object round; // guarded by this

    SharedAddressAnswers() {
        this(MAX_ADDRESSES);
    }

    SharedAddressAnswers(int maxAddresses) {
        this.maxAddresses = maxAddresses;
        this.addresses = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Address> eldest) {
                return size() > SharedAddressAnswers.this.maxAddresses;
            }
        };
    }

    /** Starts round {@code roundId} unless it is the current one: what earlier rounds saw is forgotten. */
    synchronized void beginRound(Object roundId) {
        if (!Objects.equals(round, roundId)) {
            round = roundId;
            addresses.clear();
        }
    }

    /** The answer {@code target} may reuse (its address answers every name alike), if any. */
    synchronized Optional<Seen> reusable(MailServerTarget target) {
        Address a = addresses.get(target.socketAddress());
        if (a == null || a.state != State.SAME_FOR_EVERY_NAME || a.first.result().target().host().equals(target.host())) {
            return Optional.empty();
        }
        return Optional.of(a.first);
    }

    /** Learns from one connection's answer (never from a reused one). */
    synchronized void record(SmtpProbeResult result, Instant at) {
        if (!clean(result)) {
            return;
        }
        InetSocketAddress key = result.target().socketAddress();
        List<String> fingerprint = fingerprint(result);
        Address a = addresses.get(key);
        if (a == null) {
            State state = result.tls() == TlsStatus.not_attempted ? State.SAME_FOR_EVERY_NAME : State.LEARNING;
            addresses.put(key, new Address(new Seen(result, at), fingerprint, state));
            return;
        }
        if (!a.fingerprint.equals(fingerprint)) {
            a.state = State.DEPENDS_ON_NAME; // for the rest of the round
        } else if (a.state == State.LEARNING && !a.first.result().target().host().equals(result.target().host())) {
            a.state = State.SAME_FOR_EVERY_NAME;
        }
    }

    /**
     * An answer about the server's configuration, not its mood: the conversation ran to its end,
     * or ended on something the server does every time (the same rule as the gates' outcomes).
     */
    static boolean clean(SmtpProbeResult result) {
        return result.failure().isEmpty()
                || PolitenessOutcomes.of(result) == Outcome.OK && result.failure().get().kind() != SmtpFailure.Kind.ERROR;
    }

    /** What two connections to one address must share for the address to answer every name alike. */
    static List<String> fingerprint(SmtpProbeResult r) {
        List<String> f = new ArrayList<>();
        f.add(String.valueOf(r.connect()));
        f.add(String.valueOf(r.software()));
        f.add(String.valueOf(r.starttls()));
        f.add(String.valueOf(r.tls()));
        f.add(String.valueOf(r.tlsError()));
        f.add(String.valueOf(r.tlsProtocol()));
        f.add(String.valueOf(r.tlsCipher()));
        f.add(r.failure().map(SmtpFailure::kind).map(String::valueOf).orElse("-"));
        for (X509Certificate c : r.chain()) {
            f.add(sha256(c));
        }
        return List.copyOf(f);
    }

    private static String sha256(X509Certificate c) {
        try {
            return CertificateRecords.sha256(c);
        } catch (IllegalArgumentException e) {
            return "unreadable:" + System.identityHashCode(c); // never equal to another connection's
        }
    }
}
