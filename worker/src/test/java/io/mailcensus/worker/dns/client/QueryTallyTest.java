package io.mailcensus.worker.dns.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class QueryTallyTest {

    private static Query q(String name, int type) throws Exception {
        return new Query(Name.fromString(name), type);
    }

    @Test
    void namesSayWhatAQueryIsForElseItsTypeDoes() throws Exception {
        assertThat(QueryTally.kindOf(q("selector1._domainkey.example.ch.", Type.TXT))).isEqualTo("dkim");
        assertThat(QueryTally.kindOf(q("_domainkey.example.ch.", Type.TXT))).isEqualTo("dkim");
        assertThat(QueryTally.kindOf(q("_dmarc.example.ch.", Type.TXT))).isEqualTo("dmarc");
        assertThat(QueryTally.kindOf(q("example.ch._report._dmarc.rua.example.", Type.TXT))).isEqualTo("dmarc");
        assertThat(QueryTally.kindOf(q("example.ch.", Type.TXT))).isEqualTo("TXT");
        assertThat(QueryTally.kindOf(q("mx.example.ch.", Type.AAAA))).isEqualTo("AAAA");
    }

    @Test
    void perDomainListsTheLargestKindFirst() throws Exception {
        QueryTally tally = new QueryTally();
        for (int i = 0; i < 6; i++) {
            tally.count(q("example.ch.", Type.TXT));
        }
        tally.count(q("example.ch.", Type.MX));
        tally.countVerdict();
        assertThat(tally.total()).isEqualTo(8);
        assertThat(tally.perDomain(2)).isEqualTo("4.0 per domain: TXT 3.0, MX 0.5, verdict 0.5");
        assertThat(new QueryTally().perDomain(2)).isEmpty();
    }
}
