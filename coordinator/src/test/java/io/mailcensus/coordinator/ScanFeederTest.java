package io.mailcensus.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.coordinator.input.InputSummary;
import io.mailcensus.coordinator.input.ListFileSource;
import io.mailcensus.core.name.Rejection;
import io.mailcensus.core.queue.InProcessWorkQueue;
import io.mailcensus.schemas.ScanTask;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanFeederTest {

    private static final String MALFORMED_LIST = String.join("\n",
            "\uFEFF# a list exported from somewhere",
            "",
            "example.ch",
            "   ",
            "EXAMPLE.CH.          # a duplicate in another spelling",
            "http://www.example.ch/",
            "https://shop.example.ch",
            "a".repeat(300) + ".ch",
            "zürich.ch",
            "xn--zrich-kva.ch",
            "info@example.ch",
            "two..dots.ch",
            "second.ch\r",
            "third.ch;comment-ish",
            "ch",
            "") + "\n";

    @Test
    void malformedListScansTheValidNamesAndReportsTheRejectedOnes() throws Exception {
        InProcessWorkQueue queue = new InProcessWorkQueue(100);
        ScanFeeder feeder = new ScanFeeder(queue, Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));

        InputSummary summary = feeder.feed("s1",
                ListFileSource.stdin(new ByteArrayInputStream(MALFORMED_LIST.getBytes(StandardCharsets.UTF_8))),
                name -> false);

        List<ScanTask> tasks = queue.poll(100, Duration.ZERO);
        assertThat(tasks).extracting(ScanTask::getDomain)
                .containsExactly("example.ch", "xn--zrich-kva.ch", "second.ch", "third.ch");
        assertThat(tasks).extracting(ScanTask::getDomainUnicode)
                .containsExactly("example.ch", "zürich.ch", "second.ch", "third.ch");
        assertThat(summary.accepted()).isEqualTo(4);
        assertThat(summary.duplicates()).isEqualTo(2);
        assertThat(summary.rejectedTotal()).isEqualTo(6);
        assertThat(summary.rejectedByReason())
                .containsEntry(Rejection.URL, 2L)
                .containsEntry(Rejection.LABEL_TOO_LONG, 1L)
                .containsEntry(Rejection.EMAIL, 1L)
                .containsEntry(Rejection.EMPTY_LABEL, 1L)
                .containsEntry(Rejection.SINGLE_LABEL, 1L);
        assertThat(summary.examples(Rejection.URL)).containsExactly("http://www.example.ch/", "https://shop.example.ch");
        assertThat(summary.describeRejections()).hasSize(5);
        assertThat(queue.exhausted()).isTrue();
    }

    @Test
    void resumedScanSkipsNamesAlreadyDone() throws Exception {
        InProcessWorkQueue queue = new InProcessWorkQueue(100);
        ScanFeeder feeder = new ScanFeeder(queue, Clock.systemUTC());
        String list = "a.ch\nb.ch\nc.ch\n";

        InputSummary summary = feeder.feed("s1",
                ListFileSource.stdin(new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8))),
                "b.ch"::equals);

        assertThat(queue.poll(10, Duration.ZERO)).extracting(ScanTask::getDomain).containsExactly("a.ch", "c.ch");
        assertThat(summary.skipped()).isEqualTo(1);
    }
}
