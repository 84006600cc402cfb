package io.mailcensus.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MostlyErrorsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final Answering store = new Answering(
            "{\"kind\":\"timeout\",\"n\":\"18\",\"example\":\"NS a.example.\"}\n");

    @Test
    void aScanWithMoreThanHalfInErrorWarnsInOneLineWithTheMostCommonCauseAndExits3() {
        int code = MostlyErrors.check(store, "s'1", 20, 18, err);
        assertThat(code).isEqualTo(3).isEqualTo(MostlyErrors.EXIT_CODE);
        String warning = bytes.toString(StandardCharsets.UTF_8);
        assertThat(warning.lines()).hasSize(1);
        assertThat(warning).startsWith("warning: 18 of 20 domains (90%) ended in error, most often timeout "
                + "(18 domains, e.g. NS a.example.)");
        assertThat(store.queries.getFirst()).contains("scan_id = 's\\'1'").contains("status = 'error'");
    }

    @Test
    void halfOrFewerIsNoWarning() {
        assertThat(MostlyErrors.check(store, "s", 20, 10, err)).isZero();
        assertThat(MostlyErrors.check(store, "s", 0, 0, err)).isZero();
        assertThat(bytes.size()).isZero();
        assertThat(store.queries).isEmpty();
    }

    private static final class Answering implements ResultStore {
        final String answer;
        final List<String> queries = new ArrayList<>();

        Answering(String answer) {
            this.answer = answer;
        }

        @Override
        public String query(String sql, String format) {
            queries.add(sql);
            return answer;
        }

        @Override
        public void migrate() {}

        @Override
        public void insertDomainResults(List<DomainResult> rows) {}

        @Override
        public void insertMailServerResults(List<MailServerResult> rows) {}

        @Override
        public void upsertScan(ScanRecord scan) {}

        @Override
        public void close() {}
    }
}
