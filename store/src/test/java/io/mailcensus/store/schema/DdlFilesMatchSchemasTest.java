package io.mailcensus.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checked-in DDL must be exactly what the generator makes of the Avro schemas today. When
 * this fails after a schema change, regenerate (see {@link GenerateDdl}) and commit the files.
 */
class DdlFilesMatchSchemasTest {

    @Test
    void everyTableHasItsGeneratedFileAndTheRestAreViews() {
        List<DdlScripts.Script> scripts = DdlScripts.load();

        assertThat(scripts).filteredOn(s -> !s.view()).extracting(DdlScripts.Script::name)
                .containsExactly("01_domain_results.sql", "02_mail_server_results.sql", "03_scans.sql");
        assertThat(scripts).filteredOn(DdlScripts.Script::view).extracting(DdlScripts.Script::name)
                .contains("11_latest_domain_results.sql", "12_latest_mail_server_results.sql",
                        "13_domain_mail_servers.sql");
    }

    @Test
    void checkedInFilesEqualTheGeneratorsOutput() {
        List<DdlScripts.Script> scripts = DdlScripts.load();
        for (TableSpec table : Tables.ALL) {
            String expected = DdlGenerator.createTable(table).strip();
            assertThat(scripts).filteredOn(s -> s.name().equals(table.ddlFileName()))
                    .singleElement()
                    .extracting(DdlScripts.Script::sql)
                    .as("%s is stale: run io.mailcensus.store.schema.GenerateDdl", table.ddlFileName())
                    .isEqualTo(expected);
        }
    }
}
