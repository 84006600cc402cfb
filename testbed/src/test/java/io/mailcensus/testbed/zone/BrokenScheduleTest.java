package io.mailcensus.testbed.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.testbed.truth.DomainFacts.Broken;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrokenScheduleTest {

    @ParameterizedTest
    @CsvSource({"1, 0", "9, 0", "10, 1", "999, 1", "1000, 2", "10000, 20", "2500000, 5000"})
    void eachKindGetsMaxOfOneAndNOver500(int domains, int perKind) {
        BrokenSchedule schedule = new BrokenSchedule(domains);
        Map<Broken, Integer> counts = new EnumMap<>(Broken.class);
        for (int i = 0; i < domains; i++) {
            counts.merge(schedule.at(i), 1, Integer::sum);
        }
        assertThat(counts.getOrDefault(Broken.UNREACHABLE, 0)).isEqualTo(perKind);
        assertThat(counts.getOrDefault(Broken.LAME, 0)).isEqualTo(perKind);
        assertThat(BrokenSchedule.perKind(domains)).isEqualTo(perKind);
    }
}
