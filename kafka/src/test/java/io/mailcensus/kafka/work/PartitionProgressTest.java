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
        assertThat(p.toCommit()).contains(new OffsetAndMetadata(10, "done 1-2"));
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
        p.committed(new OffsetAndMetadata(1, ""));
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

    @Test
    void tasksDoneAboveTheCommittedOffsetGoInTheMetadataAndANewOwnerSkipsThem() {
        for (long o = 100; o < 110; o++) {
            p.took(o);
        }
        for (long o : new long[] {101, 102, 103, 105, 109}) {
            p.acknowledged(o);
        }
        OffsetAndMetadata commit = p.toCommit().orElseThrow();
        assertThat(commit.offset()).isEqualTo(100);
        assertThat(commit.metadata()).isEqualTo("done 1-3,5,9");
        p.committed(commit);
        assertThat(p.toCommit()).as("nothing new").isEmpty();
        p.acknowledged(104);
        assertThat(p.toCommit()).contains(new OffsetAndMetadata(100, "done 1-5,9"));

        PartitionProgress next = new PartitionProgress(new TopicPartition("t", 0));
        next.inherit(commit);
        assertThat(next.doneBefore(100)).isFalse();
        assertThat(next.doneBefore(101)).isTrue();
        assertThat(next.doneBefore(101)).as("once").isFalse();
        assertThat(next.doneBefore(104)).isFalse();
        assertThat(next.doneBefore(109)).isTrue();
    }

    @Test
    void theNewOwnerPassesOnWhatItInheritedAndHasNotReachedYet() {
        PartitionProgress next = new PartitionProgress(new TopicPartition("t", 0));
        next.inherit(new OffsetAndMetadata(100, "done 5,9"));
        next.took(100);
        next.took(101);
        next.acknowledged(101);
        assertThat(next.toCommit()).contains(new OffsetAndMetadata(100, "done 1,5,9"));
    }

    @Test
    void aMarkerIsNeverDoneForTheNextOwner() {
        p.took(0);
        p.marker(1, "scan-1");
        p.took(2);
        p.acknowledged(2);
        assertThat(p.toCommit()).contains(new OffsetAndMetadata(0, "done 2"));
    }

    @Test
    void metadataThatIsNotADoneListSkipsNothing() {
        assertThat(DoneOffsets.decode(5, "end-of-round scan-1")).isEmpty();
        assertThat(DoneOffsets.decode(5, "done x!")).isEmpty();
        assertThat(DoneOffsets.decode(5, "done 0")).as("the committed offset itself is never done").isEmpty();
        assertThat(DoneOffsets.decode(5, "")).isEmpty();
    }

    @Test
    void theDoneListIsBoundedAndWhatDoesNotFitIsProbedAgain() {
        java.util.TreeSet<Long> every2nd = new java.util.TreeSet<>();
        for (long o = 2; o < 20_000; o += 2) {
            every2nd.add(o);
        }
        String metadata = DoneOffsets.encode(0, every2nd);
        assertThat(metadata.length()).isLessThanOrEqualTo(DoneOffsets.MAX_CHARS);
        var decoded = DoneOffsets.decode(0, metadata);
        assertThat(decoded).isNotEmpty().isSubsetOf(every2nd);
        assertThat(decoded.first()).isEqualTo(2);
    }
}
