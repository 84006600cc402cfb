package io.mailcensus.worker.dns.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * A TLD becomes an anchor only after its DS set validated as secure through the configured
 * anchor; an unsigned TLD (or one whose DS does not validate) never does. A fake head resolver
 * answers from a root zone signed here.
 */
class TldAnchoredValidatorTest {

    private static final Name TEST = Name.fromConstantString("test.");
    private static final Name DOMAIN = Name.fromConstantString("shop.test.");
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Executor INLINE = Runnable::run;

    @Test
    void aTldWhoseDsValidatesBecomesTheAnchorOfTheNextValidator() throws Exception {
        SignedRoot root = new SignedRoot(true);
        TldAnchoredValidator validators = new TldAnchoredValidator(root, root.anchor(), CLOCK);

        Name anchor = awaitAnchorOf(validators, DOMAIN, TEST);

        assertThat(anchor).isEqualTo(TEST);
        assertThat(root.dsQueries).isEqualTo(1);
    }

    @Test
    void validatedKeysAreKeptAMinuteSoARoundDoesNotInheritThePreviousRoundsVerdict() throws Exception {
        assertThat(TldAnchoredValidator.keyCacheProperties())
                .containsEntry("dnsjava.dnssec.keycache.max_ttl", "60");
        SignedRoot root = new SignedRoot(true);
        assertThat(new TldAnchoredValidator(root, root.anchor(), CLOCK).validatorFor(DOMAIN, INLINE)).isNotNull();
    }

    @Test
    void aTldWithoutDsStaysUnderTheConfiguredAnchor() throws Exception {
        SignedRoot root = new SignedRoot(false);
        TldAnchoredValidator validators = new TldAnchoredValidator(root, root.anchor(), CLOCK);

        Resolver first = validators.validatorFor(DOMAIN, INLINE);
        Resolver again = validators.validatorFor(DOMAIN, INLINE);

        assertThat(again).isSameAs(first);
        assertThat(((ValidatingResolver) again).getTrustAnchors().find(DOMAIN, DClass.IN).getName()).isEqualTo(Name.root);
        assertThat(root.dsQueries).isEqualTo(1); // not asked again before RETRY_AFTER
    }

    @Test
    void namesUnderAnAnchorAtTheTldItselfAreLeftAlone() throws Exception {
        SignedRoot root = new SignedRoot(true);
        DSRecord tldAnchor = new DSRecord(TEST, DClass.IN, 3600, DNSSEC.Digest.SHA256, root.tldKey);
        TldAnchoredValidator validators = new TldAnchoredValidator(root,
                TrustAnchor.parse("test", tldAnchor + "\n"), CLOCK);

        validators.validatorFor(DOMAIN, INLINE);

        assertThat(root.dsQueries).isZero();
    }

    /** The anchor the validator for {@code name} starts from, once it is {@code expected} (or after 10 s). */
    private static Name awaitAnchorOf(TldAnchoredValidator validators, Name name, Name expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Name anchor;
        do {
            var validator = (ValidatingResolver) validators.validatorFor(name, INLINE);
            anchor = validator.getTrustAnchors().find(name, DClass.IN).getName();
            if (!anchor.equals(expected)) {
                Thread.sleep(10);
            }
        } while (!anchor.equals(expected) && System.nanoTime() < deadline);
        return anchor;
    }

    /** Answers ". DNSKEY" and "test. DS" (signed, or NODATA with no proof) like a resolver would. */
    private static final class SignedRoot implements Resolver {
        final DNSKEYRecord rootKey;
        final DNSKEYRecord tldKey;
        private final KeyPair rootPair;
        private final boolean tldSigned;
        volatile int dsQueries;

        SignedRoot(boolean tldSigned) throws Exception {
            this.tldSigned = tldSigned;
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            rootPair = g.generateKeyPair();
            rootKey = new DNSKEYRecord(Name.root, DClass.IN, 3600, 257, DNSKEYRecord.Protocol.DNSSEC,
                    DNSSEC.Algorithm.ECDSAP256SHA256, rootPair.getPublic());
            tldKey = new DNSKEYRecord(TEST, DClass.IN, 3600, 257, DNSKEYRecord.Protocol.DNSSEC,
                    DNSSEC.Algorithm.ECDSAP256SHA256, g.generateKeyPair().getPublic());
        }

        TrustAnchor anchor() {
            return TrustAnchor.parse("root", new DSRecord(Name.root, DClass.IN, 3600, DNSSEC.Digest.SHA256, rootKey) + "\n");
        }

        @Override
        public CompletionStage<Message> sendAsync(Message query, Executor executor) {
            Record q = query.getQuestion();
            Message answer = new Message(query.getHeader().getID());
            answer.getHeader().setFlag(Flags.QR);
            answer.getHeader().setFlag(Flags.RA);
            answer.addRecord(q, Section.QUESTION);
            try {
                if (q.getName().equals(Name.root) && q.getType() == Type.DNSKEY) {
                    addSigned(answer, rootKey);
                } else if (q.getName().equals(TEST) && q.getType() == Type.DS) {
                    dsQueries++;
                    if (tldSigned) {
                        addSigned(answer, new DSRecord(TEST, DClass.IN, 3600, DNSSEC.Digest.SHA256, tldKey));
                    }
                } else {
                    answer.getHeader().setRcode(Rcode.SERVFAIL);
                }
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.completedFuture(answer);
        }

        private void addSigned(Message answer, Record record) throws Exception {
            RRset set = new RRset(record);
            answer.addRecord(record, Section.ANSWER);
            answer.addRecord(DNSSEC.sign(set, rootKey, rootPair.getPrivate(), NOW.minus(Duration.ofDays(1)),
                    NOW.plus(Duration.ofDays(30))), Section.ANSWER);
        }

        @Override public void setPort(int port) {}
        @Override public void setTCP(boolean flag) {}
        @Override public void setIgnoreTruncation(boolean flag) {}
        @Override public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}
        @Override public void setTSIGKey(TSIG key) {}
        @Override public void setTimeout(Duration timeout) {}
    }
}
