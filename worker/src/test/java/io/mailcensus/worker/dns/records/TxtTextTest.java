package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

class TxtTextTest {

    @Test
    void stringsAreJoinedWithNothingBetween() {
        assertThat(TxtText.of(new TXTRecord(Name.root, DClass.IN, 0, List.of("v=DMARC1; p=", "reject")))).isEqualTo("v=DMARC1; p=reject");
    }

    @Test
    void quotesAndBackslashesAreNotEscaped() {
        // TXTRecord.getStrings() would give \" and \\ here.
        TXTRecord r = new TXTRecord(Name.root, DClass.IN, 0, List.of("a\\\"b\\\\c"));
        assertThat(TxtText.of(r)).isEqualTo("a\"b\\c");
    }

    @Test
    void longRecordsAreNotTruncated() {
        String part = "x".repeat(255);
        TXTRecord r = new TXTRecord(Name.root, DClass.IN, 0, List.of(part, part, "end"));
        assertThat(TxtText.of(r)).hasSize(255 * 2 + 3).endsWith("end");
    }
}
