package io.mailcensus.worker.dns.dnssec;

import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.ErrorKind;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.DnssecVerdict;
import io.mailcensus.worker.dns.client.Query;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import static org.assertj.core.api.Assertions.assertThat;

class DnssecVerdictTest {

    private static final Query NS = new Query(Name.fromConstantString("example.test."), Type.NS);
    private static final DnsAnswer WITNESS_ANSWERED = new DnsAnswer(NS, DnsAnswer.Outcome.NODATA, List.of(), List.of(), null);
    private static final DnsAnswer WITNESS_FAILED = DnsAnswer.failed(NS, ErrorKind.servfail, "rcode SERVFAIL");

    @Test
    void anAuthenticatedAnswerIsSecure() {
        DnssecVerdict v = DnssecVerdict.of(answer(Rcode.NOERROR, true, -1), WITNESS_ANSWERED, DnssecMode.VALIDATE);
        assertThat(v.status()).isEqualTo(DnssecStatus.secure);
        assertThat(v.reason()).isNull();
    }

    @Test
    void anAnswerWithoutAdIsInsecure() {
        assertThat(DnssecVerdict.of(answer(Rcode.NOERROR, false, -1), WITNESS_ANSWERED, DnssecMode.VALIDATE).status())
                .isEqualTo(DnssecStatus.insecure);
        assertThat(DnssecVerdict.of(answer(Rcode.NXDOMAIN, false, -1), WITNESS_ANSWERED, DnssecMode.TRUST_AD).status())
                .isEqualTo(DnssecStatus.insecure);
    }

    @Test
    void servfailWithABogusEdeIsBogusAndKeepsTheValidatorsReason() {
        VerdictAnswer a = new VerdictAnswer(Rcode.SERVFAIL, false, ExtendedErrorCodeOption.DNSSEC_BOGUS,
                "failed.ds.unknown", null);
        DnssecVerdict v = DnssecVerdict.of(a, WITNESS_ANSWERED, DnssecMode.VALIDATE);
        assertThat(v.status()).isEqualTo(DnssecStatus.bogus);
        assertThat(v.reason()).contains("EDE 6").contains("failed.ds.unknown");
    }

    @Test
    void everyDnssecEdeCodeMeansBogus() {
        for (int code : new int[] {1, 2, 6, 7, 8, 9, 10, 11, 12, 25}) {
            assertThat(DnssecVerdict.of(answer(Rcode.SERVFAIL, false, code), WITNESS_ANSWERED, DnssecMode.VALIDATE)
                    .status()).as("EDE %d", code).isEqualTo(DnssecStatus.bogus);
        }
    }

    @Test
    void servfailWhenTheDomainsServersFailTooIsIndeterminateNotBogus() {
        // ValidatingResolver calls a SERVFAIL from upstream bogus; the CD witness shows it is a dead server.
        DnssecVerdict v = DnssecVerdict.of(answer(Rcode.SERVFAIL, false, ExtendedErrorCodeOption.DNSSEC_BOGUS),
                WITNESS_FAILED, DnssecMode.VALIDATE);
        assertThat(v.status()).isEqualTo(DnssecStatus.indeterminate);
        assertThat(v.reason()).contains("servfail");
    }

    @Test
    void theValidatorsOwnIndeterminateStaysIndeterminate() {
        assertThat(DnssecVerdict.of(answer(Rcode.SERVFAIL, false, ExtendedErrorCodeOption.DNSSEC_INDETERMINATE),
                WITNESS_ANSWERED, DnssecMode.VALIDATE).status()).isEqualTo(DnssecStatus.indeterminate);
    }

    @Test
    void inTrustAdModeServfailWithoutCdWhereCdAnswersIsBogusEvenWithoutEde() {
        DnssecVerdict v = DnssecVerdict.of(answer(Rcode.SERVFAIL, false, -1), WITNESS_ANSWERED, DnssecMode.TRUST_AD);
        assertThat(v.status()).isEqualTo(DnssecStatus.bogus);
        assertThat(v.reason()).contains("CD");
    }

    @Test
    void inValidateModeAServfailWithoutEdeIsIndeterminate() {
        assertThat(DnssecVerdict.of(answer(Rcode.SERVFAIL, false, -1), WITNESS_ANSWERED, DnssecMode.VALIDATE).status())
                .isEqualTo(DnssecStatus.indeterminate);
    }

    @Test
    void aTimeoutOrRefusalIsIndeterminate() {
        VerdictAnswer timeout = VerdictAnswer.failed(DnsAnswer.failed(NS, ErrorKind.timeout, "no answer").error());
        assertThat(DnssecVerdict.of(timeout, WITNESS_ANSWERED, DnssecMode.VALIDATE))
                .satisfies(v -> assertThat(v.status()).isEqualTo(DnssecStatus.indeterminate))
                .satisfies(v -> assertThat(v.reason()).contains("timeout"));
        assertThat(DnssecVerdict.of(answer(Rcode.REFUSED, false, -1), WITNESS_ANSWERED, DnssecMode.TRUST_AD).status())
                .isEqualTo(DnssecStatus.indeterminate);
    }

    @Test
    void offIsNotChecked() {
        assertThat(DnssecVerdict.of(answer(Rcode.NOERROR, true, -1), WITNESS_ANSWERED, DnssecMode.OFF))
                .isEqualTo(DnssecVerdict.NOT_CHECKED);
    }

    @Test
    void verdictAnswerReadsTheAdBitAndTheExtendedError() {
        Message m = Message.newQuery(Record.newRecord(NS.name(), Type.SOA, 1));
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(Rcode.SERVFAIL);
        m.addRecord(new OPTRecord(1232, 0, 0, 0,
                List.of(new ExtendedErrorCodeOption(ExtendedErrorCodeOption.SIGNATURE_EXPIRED, "expired"))),
                Section.ADDITIONAL);
        VerdictAnswer a = VerdictAnswer.of(m);
        assertThat(a.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(a.authenticated()).isFalse();
        assertThat(a.edeCode()).isEqualTo(ExtendedErrorCodeOption.SIGNATURE_EXPIRED);
        assertThat(a.edeText()).isEqualTo("expired");
        m.getHeader().setFlag(Flags.AD);
        assertThat(VerdictAnswer.of(m).authenticated()).isTrue();
    }

    private static VerdictAnswer answer(int rcode, boolean ad, int ede) {
        return new VerdictAnswer(rcode, ad, ede, "", null);
    }
}
