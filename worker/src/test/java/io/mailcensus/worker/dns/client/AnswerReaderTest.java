package io.mailcensus.worker.dns.client;

import static io.mailcensus.worker.testing.FakeResolver.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.ErrorKind;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class AnswerReaderTest {

    private static final Query TXT = new Query(name("example.ch"), Type.TXT);

    private static Message response(Query q, int rcode, String... answers) throws IOException {
        Message m = new Message();
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(rcode);
        m.addRecord(Record.newRecord(q.name(), q.type(), DClass.IN), Section.QUESTION);
        for (String a : answers) {
            String[] p = a.split(" ", 3);
            m.addRecord(Record.fromString(name(p[0]), Type.value(p[1]), DClass.IN, 300, p[2], name(".")), Section.ANSWER);
        }
        return m;
    }

    @Test
    void recordsOfTheAskedTypeAreAnAnswer() throws IOException {
        DnsAnswer a = AnswerReader.read(TXT, response(TXT, Rcode.NOERROR, "example.ch TXT \"v=spf1 -all\""));
        assertThat(a.outcome()).isEqualTo(DnsAnswer.Outcome.ANSWER);
        assertThat(a.presence()).isEqualTo(CheckStatus.present);
        assertThat(a.records(TXTRecord.class)).hasSize(1);
        assertThat(a.error()).isNull();
    }

    @Test
    void noerrorWithoutRecordsIsNodataAndAbsent() throws IOException {
        DnsAnswer a = AnswerReader.read(TXT, response(TXT, Rcode.NOERROR));
        assertThat(a.outcome()).isEqualTo(DnsAnswer.Outcome.NODATA);
        assertThat(a.presence()).isEqualTo(CheckStatus.absent);
        assertThat(a.nameDoesNotExist()).isFalse();
    }

    @Test
    void nxdomainIsAbsentAndTheNameDoesNotExist() throws IOException {
        DnsAnswer a = AnswerReader.read(TXT, response(TXT, Rcode.NXDOMAIN));
        assertThat(a.presence()).isEqualTo(CheckStatus.absent);
        assertThat(a.nameDoesNotExist()).isTrue();
        assertThat(a.isError()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"SERVFAIL, servfail", "REFUSED, refused", "FORMERR, formerr", "NOTIMP, notimp", "YXDOMAIN, other", "NOTAUTH, other"})
    void failingRcodesAreErrorsNeverAbsent(String rcode, ErrorKind kind) throws IOException {
        DnsAnswer a = AnswerReader.read(TXT, response(TXT, Rcode.value(rcode)));
        assertThat(a.presence()).isEqualTo(CheckStatus.error);
        assertThat(a.error().getKind()).isEqualTo(kind);
        assertThat(a.error().getQname()).isEqualTo("example.ch");
        assertThat(a.error().getQtype()).isEqualTo("TXT");
        assertThat(a.error().getDetail()).contains(rcode);
    }

    @Test
    void servfailWithRecordsIsStillAnError() throws IOException {
        DnsAnswer a = AnswerReader.read(TXT, response(TXT, Rcode.SERVFAIL, "example.ch TXT \"x\""));
        assertThat(a.isError()).isTrue();
    }

    @Test
    void truncatedAnswerIsAnError() throws IOException {
        Message m = response(TXT, Rcode.NOERROR);
        m.getHeader().setFlag(Flags.TC);
        assertThat(AnswerReader.read(TXT, m).error().getKind()).isEqualTo(ErrorKind.truncated);
    }

    @Test
    void followsTheCnameChainTheResolverReturned() throws IOException {
        Query a = new Query(name("mx.example.ch"), Type.A);
        DnsAnswer answer = AnswerReader.read(a, response(a, Rcode.NOERROR,
                "mx.example.ch CNAME mx1.provider.example.",
                "mx1.provider.example CNAME mx1.eu.provider.example.",
                "mx1.eu.provider.example A 192.0.2.25"));
        assertThat(answer.outcome()).isEqualTo(DnsAnswer.Outcome.ANSWER);
        assertThat(answer.aliases()).containsExactly(name("mx1.provider.example"), name("mx1.eu.provider.example"));
        assertThat(answer.records()).hasSize(1);
    }

    @Test
    void chainOrderInTheSectionDoesNotMatter() throws IOException {
        Query a = new Query(name("mx.example.ch"), Type.A);
        DnsAnswer answer = AnswerReader.read(a, response(a, Rcode.NOERROR,
                "mx1.provider.example A 192.0.2.25",
                "mx.example.ch CNAME mx1.provider.example."));
        assertThat(answer.outcome()).isEqualTo(DnsAnswer.Outcome.ANSWER);
    }

    @Test
    void recordsOffTheChainAreIgnored() throws IOException {
        Query a = new Query(name("mx.example.ch"), Type.A);
        DnsAnswer answer = AnswerReader.read(a, response(a, Rcode.NOERROR, "other.example A 192.0.2.66"));
        assertThat(answer.outcome()).isEqualTo(DnsAnswer.Outcome.NODATA);
    }

    @Test
    void cnameToANonexistentTargetIsAbsentButTheNameExists() throws IOException {
        DnsAnswer a = AnswerReader.read(TXT, response(TXT, Rcode.NXDOMAIN, "example.ch CNAME gone.example."));
        assertThat(a.outcome()).isEqualTo(DnsAnswer.Outcome.NXDOMAIN);
        assertThat(a.aliases()).containsExactly(name("gone.example"));
        assertThat(a.nameDoesNotExist()).isFalse();
    }

    @Test
    void cnameLoopEnds() throws IOException {
        DnsAnswer a = AnswerReader.read(TXT, response(TXT, Rcode.NOERROR,
                "example.ch CNAME a.example.", "a.example CNAME example.ch."));
        assertThat(a.outcome()).isEqualTo(DnsAnswer.Outcome.NODATA);
        assertThat(a.aliases()).containsExactly(name("a.example"));
    }

    @Test
    void aChainLongerThanTheLimitIsAnErrorNotAbsent() throws IOException {
        List<String> chain = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            chain.add((i == 0 ? "example.ch" : "hop" + i + ".example") + " CNAME hop" + (i + 1) + ".example.");
        }
        chain.add("hop20.example TXT \"v=spf1 -all\"");
        DnsAnswer a = AnswerReader.read(TXT, response(TXT, Rcode.NOERROR, chain.toArray(String[]::new)));
        assertThat(a.isError()).isTrue();
        assertThat(a.error().getDetail()).isEqualTo("CNAME chain longer than 16 hops");
    }

    @Test
    void aChainOfExactlyTheLimitIsFollowed() throws IOException {
        List<String> chain = new java.util.ArrayList<>();
        for (int i = 0; i < AnswerReader.MAX_CHAIN; i++) {
            chain.add((i == 0 ? "example.ch" : "hop" + i + ".example") + " CNAME hop" + (i + 1) + ".example.");
        }
        chain.add("hop" + AnswerReader.MAX_CHAIN + ".example TXT \"v=spf1 -all\"");
        DnsAnswer a = AnswerReader.read(TXT, response(TXT, Rcode.NOERROR, chain.toArray(String[]::new)));
        assertThat(a.outcome()).isEqualTo(DnsAnswer.Outcome.ANSWER);
        assertThat(a.aliases()).hasSize(AnswerReader.MAX_CHAIN);
    }

    @Test
    void askingForTheCnameItselfDoesNotFollowIt() throws IOException {
        Query q = new Query(name("www.example.ch"), Type.CNAME);
        DnsAnswer a = AnswerReader.read(q, response(q, Rcode.NOERROR, "www.example.ch CNAME example.ch."));
        assertThat(a.outcome()).isEqualTo(DnsAnswer.Outcome.ANSWER);
        assertThat(a.aliases()).isEmpty();
    }
}
