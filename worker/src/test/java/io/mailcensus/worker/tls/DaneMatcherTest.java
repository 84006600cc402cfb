package io.mailcensus.worker.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.MailServerResult;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7672 behaviour of the matcher in SMTP mode, beyond what OpenSSL's suite covers. */
class DaneMatcherTest {

    static final TestPki.Issued ROOT = TestPki.root("CN=Dane Root", TestPki.ec("secp256r1"));
    static final TestPki.Issued CA = TestPki.intermediate("CN=Dane CA", TestPki.ec("secp256r1"), ROOT);
    static final TestPki.Issued LEAF = TestPki.leaf("CN=mx.example.ch", TestPki.ec("secp256r1"), CA, "mx.example.ch");
    static final List<String> MX = List.of("mx.example.ch");

    final DaneMatcher smtp = DaneMatcher.smtp();

    @Test
    void dane_ee_ignores_names_and_expiry() {
        TestPki.Issued odd = TestPki.leaf("CN=elsewhere", TestPki.ec("secp256r1"), CA,
                TestPki.NOW.minus(900, ChronoUnit.DAYS), TestPki.NOW.minus(400, ChronoUnit.DAYS), "elsewhere.example");

        DaneVerdict v = smtp.verify(List.of(tlsa(3, 1, 1, odd.cert())), List.of(odd.cert()), MX, TestPki.NOW);

        assertThat(v.outcome()).isEqualTo(DaneOutcome.VERIFIED);
        assertThat(v.matchDepth()).isZero();
        assertThat(v.daneValid()).isTrue();
    }

    @Test
    void dane_ta_on_the_issuer_key_verifies_a_valid_named_chain() {
        DaneVerdict v = smtp.verify(List.of(tlsa(2, 1, 1, CA.cert())), List.of(LEAF.cert(), CA.cert()), MX, TestPki.NOW);

        assertThat(v.outcome()).as(v.detail()).isEqualTo(DaneOutcome.VERIFIED);
        assertThat(v.matchDepth()).isEqualTo(1);
    }

    @Test
    void dane_ta_on_the_root_works_when_the_root_is_not_sent() {
        DaneVerdict v = smtp.verify(List.of(tlsa(2, 0, 0, ROOT.cert())), List.of(LEAF.cert(), CA.cert()), MX, TestPki.NOW);

        assertThat(v.outcome()).as(v.detail()).isEqualTo(DaneOutcome.VERIFIED);
        assertThat(v.matchDepth()).isEqualTo(2);
    }

    @Test
    void dane_ta_requires_the_mx_name() {
        DaneVerdict v = smtp.verify(List.of(tlsa(2, 1, 1, CA.cert())), List.of(LEAF.cert(), CA.cert()),
                List.of("mx.other.ch"), TestPki.NOW);

        assertThat(v.outcome()).isEqualTo(DaneOutcome.NAME_MISMATCH);
        assertThat(v.daneValid()).isFalse();
    }

    @Test
    void dane_ta_accepts_a_one_label_wildcard() {
        TestPki.Issued wild = TestPki.leaf("CN=wild", TestPki.ec("secp256r1"), CA, "*.example.ch");

        DaneVerdict v = smtp.verify(List.of(tlsa(2, 1, 1, CA.cert())), List.of(wild.cert(), CA.cert()), MX, TestPki.NOW);

        assertThat(v.outcome()).isEqualTo(DaneOutcome.VERIFIED);
    }

    @Test
    void dane_ta_rejects_an_expired_leaf() {
        TestPki.Issued old = TestPki.leaf("CN=mx.example.ch", TestPki.ec("secp256r1"), CA,
                TestPki.NOW.minus(100, ChronoUnit.DAYS), TestPki.NOW.minus(1, ChronoUnit.DAYS), "mx.example.ch");

        DaneVerdict v = smtp.verify(List.of(tlsa(2, 1, 1, CA.cert())), List.of(old.cert(), CA.cert()), MX, TestPki.NOW);

        assertThat(v.outcome()).isEqualTo(DaneOutcome.CHAIN_INVALID);
        assertThat(v.detail()).contains("expired");
    }

    @Test
    void pkix_usages_are_unusable_on_port_25() {
        DaneVerdict v = smtp.verify(List.of(tlsa(1, 1, 1, LEAF.cert()), tlsa(0, 1, 1, CA.cert())),
                List.of(LEAF.cert(), CA.cert()), MX, TestPki.NOW);

        assertThat(v.outcome()).isEqualTo(DaneOutcome.NO_USABLE_RECORDS);
        assertThat(v.daneValid()).isNull();
    }

    @Test
    void malformed_records_are_unusable_and_do_not_hide_a_good_one() {
        byte[] shortDigest = new byte[31];
        List<TlsaRecord> rrset = List.of(
                new TlsaRecord(3, 1, 1, shortDigest),
                new TlsaRecord(4, 1, 1, new byte[32]),
                new TlsaRecord(3, 2, 1, new byte[32]),
                new TlsaRecord(3, 1, 9, new byte[32]),
                new TlsaRecord(2, 0, 0, new byte[] {1, 2, 3}),
                tlsa(3, 1, 1, LEAF.cert()));

        assertThat(smtp.verify(rrset, List.of(LEAF.cert()), MX, TestPki.NOW).outcome()).isEqualTo(DaneOutcome.VERIFIED);
        assertThat(smtp.verify(rrset.subList(0, 5), List.of(LEAF.cert()), MX, TestPki.NOW).outcome())
                .isEqualTo(DaneOutcome.NO_USABLE_RECORDS);
    }

    @Test
    void a_wrong_digest_is_no_match() {
        DaneVerdict v = smtp.verify(List.of(new TlsaRecord(3, 1, 1, new byte[32])), List.of(LEAF.cert()), MX, TestPki.NOW);

        assertThat(v.outcome()).isEqualTo(DaneOutcome.NO_MATCH);
        assertThat(v.matchDepth()).isEqualTo(-1);
        assertThat(v.daneValid()).isFalse();
    }

    @Test
    void digest_agility_uses_only_the_strongest_published_digest() {
        // RFC 7671 9: with SHA2-512 published for 3 1, a (correct) SHA2-256 record is not consulted.
        List<TlsaRecord> rrset = List.of(tlsa(3, 1, 1, LEAF.cert()), new TlsaRecord(3, 1, 2, new byte[64]));

        assertThat(smtp.verify(rrset, List.of(LEAF.cert()), MX, TestPki.NOW).outcome()).isEqualTo(DaneOutcome.NO_MATCH);
        assertThat(smtp.verify(List.of(tlsa(3, 1, 2, LEAF.cert()), new TlsaRecord(3, 1, 1, new byte[32])),
                List.of(LEAF.cert()), MX, TestPki.NOW).outcome()).isEqualTo(DaneOutcome.VERIFIED);
    }

    @Test
    void no_certificate_is_a_failure() {
        DaneVerdict v = smtp.verify(List.of(tlsa(3, 1, 1, LEAF.cert())), List.of(), MX, TestPki.NOW);

        assertThat(v.outcome()).isEqualTo(DaneOutcome.NO_CERTIFICATE);
        assertThat(v.daneValid()).isFalse();
    }

    @Test
    void smtp_dane_counts_only_dnssec_secure_answers() {
        List<TlsaRecord> rrset = List.of(tlsa(3, 1, 1, LEAF.cert()));
        List<X509Certificate> chain = List.of(LEAF.cert());

        assertThat(SmtpDane.evaluate(DnssecStatus.secure, rrset, chain, MX, TestPki.NOW).daneValid()).isTrue();
        assertThat(SmtpDane.evaluate(DnssecStatus.insecure, rrset, chain, MX, TestPki.NOW)).isNull();
        assertThat(SmtpDane.evaluate(DnssecStatus.bogus, rrset, chain, MX, TestPki.NOW).daneValid()).isFalse();
        assertThat(SmtpDane.evaluate(DnssecStatus.secure, List.of(), chain, MX, TestPki.NOW)).isNull();
    }

    @Test
    void smtp_dane_fills_the_mail_server_result() {
        List<TlsaRecord> rrset = List.of(tlsa(3, 1, 1, LEAF.cert()));
        DaneVerdict v = SmtpDane.evaluate(DnssecStatus.secure, rrset, List.of(LEAF.cert()), MX, TestPki.NOW);
        MailServerResult.Builder b = MailServerResult.newBuilder().setScanId("s").setHost("mx.example.ch")
                .setIp("127.0.0.1").setProbedAt(Instant.EPOCH);

        SmtpDane.applyTo(b, DnssecStatus.secure, rrset, v);
        MailServerResult r = b.build();

        assertThat(r.getDaneValid()).isTrue();
        assertThat(r.getTlsaDnssec()).isEqualTo(DnssecStatus.secure);
        assertThat(r.getTlsa()).containsExactly(rrset.getFirst().presentation());
    }

    @Test
    void tlsa_presentation_round_trips() {
        TlsaRecord r = TlsaRecord.parse("3 1 1 0a0B 0c0d");

        assertThat(r.data()).containsExactly(0x0a, 0x0b, 0x0c, 0x0d);
        assertThat(r.presentation()).isEqualTo("3 1 1 0A0B0C0D");
        assertThat(TlsaRecord.parse(r.presentation())).isEqualTo(r);
    }

    static TlsaRecord tlsa(int usage, int selector, int mtype, X509Certificate cert) {
        try {
            byte[] selected = selector == 0 ? cert.getEncoded() : cert.getPublicKey().getEncoded();
            byte[] data = switch (mtype) {
                case 0 -> selected;
                case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
                default -> MessageDigest.getInstance("SHA-512").digest(selected);
            };
            return TlsaRecord.parse(usage + " " + selector + " " + mtype + " " + HexFormat.of().formatHex(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
