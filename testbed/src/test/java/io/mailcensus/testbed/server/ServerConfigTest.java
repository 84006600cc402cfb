package io.mailcensus.testbed.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.testbed.zone.Infrastructure;
import io.mailcensus.testbed.zone.ZoneLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

    @TempDir
    Path dir;

    private final AddressPlan plan = new AddressPlan(7);

    @Test
    void addressesOfABlock() {
        assertThat(plan.authoritative().getHostAddress()).isEqualTo("127.53.7.1");
        assertThat(plan.resolverSocket().toString()).isEqualTo("/127.53.7.2:53");
        assertThat(plan.lame().getHostAddress()).isEqualTo("127.53.7.3");
        assertThat(plan.unreachable().getHostAddress()).isEqualTo("127.53.7.4");
        assertThat(plan.authoritativeBehindRelay().getHostAddress()).isEqualTo("127.53.7.11");
        assertThat(plan.lameBehindRelay().getHostAddress()).isEqualTo("127.53.7.13");
    }

    @Test
    void unboundAsksOnlyTheLocalRootFromALoopbackSourceAndValidatesFromTheTestbedsAnchor() throws IOException {
        UnboundServer.writeConfig(dir, plan, "test", dir.resolve("trust-anchor.txt"));
        String conf = Files.readString(UnboundServer.config(dir));
        assertThat(conf)
                .contains("root-hints: \"" + dir.resolve("root.hints").toAbsolutePath() + "\"")
                .contains("interface: 127.53.7.2", "outgoing-interface: 127.53.7.2", "do-ip6: no")
                .contains("module-config: \"validator iterator\"", "do-not-query-localhost: no", "control-enable: no")
                .contains("trust-anchor-file: \"" + dir.resolve("trust-anchor.txt").toAbsolutePath() + "\"", "ede: yes")
                .contains("chroot: \"\"", "username: \"\"", "local-zone: \"test.\" nodefault")
                .doesNotContain("auto-trust-anchor-file", "forward-zone", "stub-zone");
        assertThat(Files.readAllLines(dir.resolve("root.hints")))
                .filteredOn(l -> !l.startsWith(";"))
                .containsExactly(".                        3600000 NS " + Infrastructure.ROOT_SERVER,
                        Infrastructure.ROOT_SERVER + " 3600000 A  127.53.7.1");
    }

    @Test
    void knotServesTheInfrastructureZonesAndIncludesTheChildren() throws IOException {
        ZoneLayout layout = new ZoneLayout(dir);
        Path conf = dir.resolve("knot.conf");
        KnotServer.writeConfig(conf, dir.resolve("state"), dir.resolve("k.sock"), plan.authoritative(), layout, "test");
        assertThat(Files.readString(conf))
                .contains("listen: [ \"127.53.7.1@53\" ]", "domain: \".\"", "domain: \"example.\"",
                        "domain: \"test.\"", "domain: \"127.in-addr.arpa.\"", "zonefile-sync: -1",
                        "file: \"children/%c[0]%c[1]/%s.zone\"", "id: signed", "dnssec-signing: on",
                        "include: \"" + layout.childZonesConf().toAbsolutePath() + "\"");
        assertThat(layout.childZone("abc.test")).isEqualTo(dir.resolve("zones/children/ab/abc.test.zone"));
    }

    @Test
    void theRootDelegatesToKnotAndTheInfrastructureNamesTheBrokenServers() throws IOException {
        ZoneLayout layout = new ZoneLayout(dir);
        Files.createDirectories(layout.zonesDir());
        InfraZones.write(layout, plan, "test");
        assertThat(Files.readAllLines(InfraZones.rootZone(layout))).contains(
                "test. IN NS " + Infrastructure.TLD_SERVER, Infrastructure.ROOT_SERVER + " IN A 127.53.7.1",
                "$INCLUDE \"" + InfraZones.rootDsRecords(layout).toAbsolutePath() + "\"");
        assertThat(Files.readAllLines(InfraZones.infraZone(layout))).contains(
                Infrastructure.LAME_SERVER + " IN A 127.53.7.3",
                Infrastructure.UNREACHABLE_SERVER + " IN A 127.53.7.4",
                "$INCLUDE \"" + layout.infraRecords().toAbsolutePath() + "\"");
    }
}
