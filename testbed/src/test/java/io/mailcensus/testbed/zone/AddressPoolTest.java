package io.mailcensus.testbed.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Self-hosted mail servers and web sites share a bounded set of addresses, and each address has one PTR. */
class AddressPoolTest {

    @TempDir
    static Path dir;

    static GeneratedZones zones;

    @BeforeAll
    static void generate() throws IOException {
        // large enough that the dedicated addresses run out and customers share
        zones = new ZoneGenerator(8_000, 7, "test").generate(dir.resolve("a"));
    }

    @Test
    void theSamePlacementDiceGiveTheSameAddresses() {
        List<String> first = draw(new AddressPool(new Dice(3)), 5_000);
        assertThat(draw(new AddressPool(new Dice(3)), 5_000)).isEqualTo(first);
        assertThat(draw(new AddressPool(new Dice(4)), 5_000)).isNotEqualTo(first);
    }

    @Test
    void aHundredThousandHostsUseAtMostTheCapacity() {
        List<String> addresses = draw(new AddressPool(new Dice(1)), 100_000);
        Set<String> distinct = new HashSet<>(addresses);
        assertThat(distinct).hasSizeLessThanOrEqualTo(AddressPool.CAPACITY).hasSizeGreaterThan(AddressPool.DEDICATED)
                .allMatch(a -> a.startsWith("127.101.") && !a.endsWith(".0") && !a.endsWith(".255"));
    }

    @Test
    void anAddressAloneWithItsHostNamesItAndASharedOneGetsTheIspName() {
        AddressPool pool = new AddressPool(new Dice(1));
        Map<String, List<String>> hostsByAddress = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            String host = "mail.d" + i + ".test.";
            hostsByAddress.computeIfAbsent(pool.nextIpv4(host, true), a -> new ArrayList<>()).add(host);
        }
        List<String> ptrs = pool.reverseRecords().lines();
        assertThat(ptrs).hasSize(hostsByAddress.size());
        hostsByAddress.forEach((address, hosts) -> {
            String expected = hosts.size() == 1 ? hosts.getFirst() : AddressPool.genericName(address);
            assertThat(ptrs).contains(AddressPool.reverseName(address) + " IN PTR " + expected);
        });
        assertThat(hostsByAddress.values()).anyMatch(h -> h.size() == 1).anyMatch(h -> h.size() > 1);
    }

    @Test
    void everyPtrOfTheReverseZoneIsAloneAndAForwardConfirmedOneNamesTheOnlyHostThere() throws IOException {
        Map<String, List<String>> aRecords = new HashMap<>(); // address -> owner names
        try (Stream<Path> files = Files.walk(zones.layout().zonesDir().resolve("children"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] w = line.split(" ");
                    if (w.length == 4 && w[2].equals("A") && w[3].startsWith("127.101.")) {
                        aRecords.computeIfAbsent(w[3], k -> new ArrayList<>()).add(w[0]);
                    }
                }
            }
        }
        Map<String, List<String>> ptrs = new HashMap<>();
        for (String line : Files.readAllLines(zones.layout().reverseZone())) {
            String[] w = line.split(" ");
            if (w.length == 4 && w[2].equals("PTR")) {
                ptrs.computeIfAbsent(w[0], k -> new ArrayList<>()).add(w[3]);
            }
        }
        assertThat(aRecords).hasSizeLessThanOrEqualTo(AddressPool.CAPACITY);
        assertThat(aRecords.values()).as("customers share addresses at this N").anyMatch(owners -> owners.size() > 1);
        aRecords.forEach((address, owners) -> {
            List<String> ptr = ptrs.get(AddressPool.reverseName(address));
            assertThat(ptr).as(address).hasSize(1);
            if (owners.size() > 1) {
                assertThat(ptr.getFirst()).as(address).isEqualTo(AddressPool.genericName(address));
            } else {
                assertThat(ptr.getFirst()).as(address).isIn(owners.getFirst(), AddressPool.genericName(address));
            }
        });
    }

    @Test
    void serversFileListsEveryMailAndWebAddressOfTheZones() throws IOException {
        List<ServerAddress> servers = ServerAddress.read(zones.layout().serverAddressesFile());
        Map<ServerAddress.Role, Long> byRole = new HashMap<>();
        servers.forEach(s -> byRole.merge(s.role(), 1L, Long::sum));
        assertThat(byRole.get(ServerAddress.Role.MX_PROVIDER)).isEqualTo(18);
        assertThat(byRole.get(ServerAddress.Role.MX_ISP)).isBetween((long) AddressPool.DEDICATED, (long) AddressPool.CAPACITY);
        assertThat(byRole.get(ServerAddress.Role.WEB)).isEqualTo(1 + Infrastructure.DNS_HOSTS.stream()
                .mapToLong(Infrastructure.DnsHost::webPoolSize).sum());
        assertThat(servers).extracting(ServerAddress::ip).doesNotHaveDuplicates();
        List<ServerAddress> isp = servers.stream().filter(s -> s.role() == ServerAddress.Role.MX_ISP).toList();
        assertThat(isp.stream().filter(s -> !s.listens()).count()).isBetween(isp.size() / 12L, isp.size() / 8L);
        ServerAddress parking = servers.stream().filter(s -> s.ip().equals(Infrastructure.PARKING_ADDRESS)).findFirst()
                .orElseThrow();
        ServerAddress busiestPool = servers.stream().filter(s -> s.role() == ServerAddress.Role.WEB && s != parking)
                .max(java.util.Comparator.comparingInt(ServerAddress::users)).orElseThrow();
        assertThat(parking.users()).as("the parking address hosts more sites than any pool address")
                .isGreaterThan(busiestPool.users());
    }

    @Test
    void aHostedShareMakesTheHostersAddressTheBusiestButParkingAndLeavesTheRestAsTheSeedPlacedIt()
            throws IOException {
        GeneratedZones hosted = new ZoneGenerator(3_000, 1, "test", List.of(), new WebShape(0.4, 5, 0.05))
                .generate(dir.resolve("hosted"));
        GeneratedZones plain = new ZoneGenerator(3_000, 1, "test", List.of(), new WebShape(0.4, 5))
                .generate(dir.resolve("plain"));
        Map<String, Integer> withShare = users(hosted);
        Map<String, Integer> without = users(plain);
        int sites = withShare.values().stream().mapToInt(Integer::intValue).sum();
        int onHoster = withShare.get(WebAddresses.HOSTER_ADDRESS);
        assertThat((double) onHoster / sites).as("names on the hoster's address, of %d", sites)
                .isBetween(0.05, 0.09); // its own 5% plus its share of the pool draws
        String busiestButParking = withShare.entrySet().stream()
                .filter(e -> !e.getKey().equals(Infrastructure.PARKING_ADDRESS))
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(busiestButParking).isEqualTo(WebAddresses.HOSTER_ADDRESS);
        assertThat(withShare.get(Infrastructure.PARKING_ADDRESS)).as("parking unchanged in share")
                .isBetween(without.get(Infrastructure.PARKING_ADDRESS) * 9 / 10,
                        without.get(Infrastructure.PARKING_ADDRESS) * 11 / 10);
        assertThat(Files.readString(hosted.layout().generationStamp())).contains("hosted-share=0.05");
        assertThat(Files.readString(plain.layout().generationStamp())).doesNotContain("hosted-share");
    }

    private static Map<String, Integer> users(GeneratedZones zones) throws IOException {
        Map<String, Integer> users = new HashMap<>();
        for (ServerAddress a : ServerAddress.read(zones.layout().serverAddressesFile())) {
            if (a.role() == ServerAddress.Role.WEB) {
                users.put(a.ip(), a.users());
            }
        }
        return users;
    }

    private static List<String> draw(AddressPool pool, int hosts) {
        List<String> a = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            a.add(pool.nextIpv4("mail.d" + i + ".test.", i % 10 != 0));
        }
        return a;
    }
}
