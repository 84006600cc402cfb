package io.mailcensus.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesTheScrapeTextOnLoopback() throws Exception {
        Metrics metrics = Metrics.prometheus();
        metrics.counters(MeterNames.STORE_ROWS_WRITTEN).withTag("table", "domain_results").increment(42);

        try (MetricsEndpoint endpoint = MetricsEndpoint.start(metrics, MetricsEndpoint.parseAddress(":0"))) {
            assertThat(endpoint.address().getAddress().isLoopbackAddress()).isTrue();
            HttpResponse<String> response = get(endpoint.uri());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsEndpoint.CONTENT_TYPE);
            assertThat(response.body()).contains("mailcensus_store_rows_written_total{table=\"domain_results\"} 42");
        }
    }

    @Test
    void answersOnlyMetricsAndOnlyToGetOrHead() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(Metrics.prometheus(), MetricsEndpoint.parseAddress("127.0.0.1:0"))) {
            URI metrics = endpoint.uri();
            assertThat(get(metrics.resolve("/other")).statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(
                    HttpRequest.newBuilder(metrics).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            HttpResponse<String> head = http.send(
                    HttpRequest.newBuilder(metrics).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void itsThreadsNeverKeepTheProcessAlive() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(Metrics.prometheus(), MetricsEndpoint.parseAddress(":0"))) {
            get(endpoint.uri());
            assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(t -> t.getName().startsWith("HTTP-Dispatcher"))
                    .isNotEmpty()
                    .allMatch(Thread::isDaemon);
        }
    }

    @Test
    void parsesHostPortWithLoopbackAsTheDefaultHost() {
        assertThat(MetricsEndpoint.parseAddress("9400")).isEqualTo(new InetSocketAddress("127.0.0.1", 9400));
        assertThat(MetricsEndpoint.parseAddress(":9400")).isEqualTo(new InetSocketAddress("127.0.0.1", 9400));
        assertThat(MetricsEndpoint.parseAddress("0.0.0.0:9400")).isEqualTo(new InetSocketAddress("0.0.0.0", 9400));
        assertThat(MetricsEndpoint.parseAddress("[::1]:9400")).isEqualTo(new InetSocketAddress("::1", 9400));
        assertThatThrownBy(() -> MetricsEndpoint.parseAddress("::1:9400")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> MetricsEndpoint.parseAddress("127.0.0.1:http")).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> MetricsEndpoint.parseAddress("127.0.0.1:70000")).hasMessageContaining("range");
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
