package io.mailcensus.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.port.ScanRecord;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The scans schema is written by hand; this keeps it in step with the ScanRecord it stores. */
class ScanRowsTest {

    @Test
    void fieldsFollowTheRecordComponentsInOrderInSnakeCase() {
        String[] components = Arrays.stream(ScanRecord.class.getRecordComponents())
                .map(RecordComponent::getName)
                .map(name -> name.replaceAll("([A-Z])", "_$1").toLowerCase())
                .toArray(String[]::new);

        assertThat(ScanRows.SCHEMA.getFields()).extracting(Schema.Field::name).containsExactly(components);
    }
}
