package io.mailcensus.kafka.work;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private final PartitionProgress p = new PartitionProgress(new TopicPartition("t", 0));

    @Test
    void nothingToCommitBeforeTheFirstRecord() {
        assertThat(p.toCommit()).isEmpty();
    }

    @Test
    void commitStopsAtTheLowestTaskNotYetAcknowledged() {
        for (long o = 10; o < 15; o++) {
            p.took(o);
        }
        assertThat(p.toCommit()).contains(new OffsetAndMetadata(10, ""));
        p.acknowledged(11);
        p.acknowledged(12);
        assertThat(p.toCommit()).contains(new OffsetAndMetadata(10, ""));
        p.acknowledged(10);
        assertThat(p.toCommit()).contains(new OffsetAndMetadata(13, ""));
        p.acknowledged(13);
        p.acknowledged(14);
        assertThat(p.toCommit()).contains(new OffsetAndMetadata(15, ""));
    }

    @Test
    void committedOffsetIsNotCommittedAgain() {
        p.took(0);
        p.acknowledged(0);
        p.committed(1);
        assertThat(p.toCommit()).isEmpty();
        p.commitFailed();
        assertThat(p.toCommit()).contains(new OffsetAndMetadata(1, ""));
    }

    @Test
    void poisonMessagesAreCommittedPast() {
        p.took(0);
        p.skipped(1);
        p.acknowledged(0);
        assertThat(p.toCommit()).contains(new OffsetAndMetadata(2, ""));
    }

    @Test
    void commitPastAMarkerSaysTheRoundEnded() {
        p.took(0);
        p.marker(1, "scan-1");
        assertThat(p.toCommit()).contains(new OffsetAndMetadata(0, ""));
        p.acknowledged(0);
        assertThat(p.toCommit()).contains(new OffsetAndMetadata(2, "end-of-round scan-1"));
    }

    @Test
    void commitPastTheNextRoundsTasksNoLongerSaysTheRoundEnded() {
        p.marker(0, "scan-1");
        p.took(1);
        p.acknowledged(1);
        assertThat(p.toCommit()).contains(new OffsetAndMetadata(2, ""));
    }
}
