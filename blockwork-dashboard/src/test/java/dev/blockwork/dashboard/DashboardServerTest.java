package dev.blockwork.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.config.SettingsGroup;
import dev.blockwork.dashboard.testing.MiniJson;
import dev.blockwork.spi.DashboardProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The server without a browser: files, the event stream, the token rule, the service registrations. */
class DashboardServerTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    static HttpResponse<String> get(URI u) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageItsFilesAndAStreamThatStartsWithASnapshot() throws Exception {
        try (Dashboard d = Dashboard.start("127.0.0.1", 0)) {
            assertThat(d.url().toString()).isEqualTo("http://127.0.0.1:" + d.port() + "/");
            HttpResponse<String> page = get(d.url());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<canvas id=\"stream\"").contains("static/dashboard.js").doesNotContain("<!--");
            assertThat(get(d.url().resolve("/static/uPlot.iife.min.js")).body()).startsWith("/*! https://github.com/leeoniya/uPlot (v1.6.32) */");
            assertThat(get(d.url().resolve("/static/uPlot.LICENSE")).body()).contains("The MIT License");
            assertThat(get(d.url().resolve("/static/nothing.js")).statusCode()).isEqualTo(404);
            assertThat(get(d.url().resolve("/elsewhere")).statusCode()).isEqualTo(404);

            HttpResponse<java.io.InputStream> events = HTTP.send(HttpRequest.newBuilder(d.url().resolve("/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            try (BufferedReader r = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                String first = null, second = null;
                for (String line; (line = r.readLine()) != null && second == null; ) {
                    if (!line.startsWith("data: ")) continue;
                    if (first == null) first = line.substring(6);
                    else second = line.substring(6);
                }
                assertThat(MiniJson.object(first)).containsEntry("full", true);
                assertThat(MiniJson.object(second)).containsEntry("full", false); // then a delta every tick
                assertThat(d.pages()).isEqualTo(1);
            }
        }
    }

    @Test
    void anyAddressButLoopbackNeedsTheToken() throws Exception {
        try (Dashboard d = Dashboard.start("0.0.0.0", 0)) {
            String query = d.url().getRawQuery();
            assertThat(query).matches("token=[0-9a-f]{32}");
            URI local = URI.create("http://127.0.0.1:" + d.port() + "/");
            HttpResponse<String> refused = get(local);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("token");
            assertThat(get(local.resolve("/events")).statusCode()).isEqualTo(403);
            assertThat(get(local.resolve("/?token=" + "0".repeat(32))).statusCode()).isEqualTo(403);
            assertThat(get(URI.create(local + "?" + query)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBusyPortIsReportedWithWhatToDo() {
        try (Dashboard d = Dashboard.start("127.0.0.1", 0)) {
            assertThatThrownBy(() -> Dashboard.start("127.0.0.1", d.port()))
                    .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining(":" + d.port()).hasMessageContaining("dashboard.port");
        }
        assertThatThrownBy(() -> Dashboard.start("127.0.0.1", 70000)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
    }

    @Test
    void dashboardOnStartsItAtTheFirstComputeAndTheProgramStillEnds() throws Exception {
        String javaExe = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaExe, "-Dblockwork.dashboard=on", "-Dblockwork.progress=off", "-cp",
                System.getProperty("java.class.path"), dev.blockwork.dashboard.testing.AutoStartMain.class.getName())
                .redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8); // ends when the program does
        } finally {
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        }
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("blockwork dashboard: http://127\\.0\\.0\\.1:\\d+/").contains("result 42").doesNotContain("WARNING");
        assertThat(out.split("blockwork dashboard:", -1)).hasSize(2); // printed once
    }

    @Test
    void coreFindsTheDashboardAndItsSettings() {
        assertThat(ServiceLoader.load(DashboardProvider.class).stream().map(p -> p.type().getName()))
                .contains("dev.blockwork.dashboard.internal.AutoStart");
        assertThat(ServiceLoader.load(SettingsGroup.class).stream().map(p -> p.type().getName()))
                .contains(DashboardSettings.class.getName());
    }
}
