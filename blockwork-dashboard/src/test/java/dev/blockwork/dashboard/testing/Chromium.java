package dev.blockwork.dashboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol with {@link java.net.http.WebSocket}
 * (no dependency): navigate, evaluate JavaScript, take screenshots. {@link #close()} kills the browser's
 * whole process tree and deletes its profile, always.
 *
 * <p>Every wait is bounded by {@link #WAIT}, scaled by the {@code blockwork.test.timeScale} system property.
 */
public final class Chromium implements AutoCloseable {
    /** How long any one wait may take (a bound, never a pause: waits end as soon as their condition holds). */
    public static final Duration WAIT = Duration.ofSeconds((long) (60 * Double.parseDouble(System.getProperty("blockwork.test.timeScale", "1"))));

    private final Process process;
    private final Path profile;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final StringBuilder stderr = new StringBuilder();

    /** The browser to use: {@code $BLOCKWORK_CHROMIUM}, else chromium (or chrome) on the PATH. */
    public static Optional<Path> find() {
        String env = System.getenv("BLOCKWORK_CHROMIUM");
        if (env != null && !env.isBlank()) return Optional.of(Path.of(env)).filter(Files::isExecutable);
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Starts {@code exe} headless on about:blank and connects to its page. */
    public static Chromium launch(Path exe) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("blockwork-chromium-");
        Process p = new ProcessBuilder(exe.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--log-level=3", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--window-size=1400,1500", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return new Chromium(p, profile);
        } catch (IOException | InterruptedException | RuntimeException e) {
            kill(p);
            deleteTree(profile);
            throw e;
        }
    }

    private Chromium(Process process, Path profile) throws IOException, InterruptedException {
        this.process = process;
        this.profile = profile;
        CompletableFuture<String> devtools = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (stderr) { if (stderr.length() < 20_000) stderr.append(line).append('\n'); }
                    int at = line.indexOf("DevTools listening on ");
                    if (at >= 0) devtools.complete(line.substring(at + "DevTools listening on ".length()).trim());
                }
            } catch (IOException e) {
                // the browser has gone
            }
            devtools.completeExceptionally(new IOException("chromium exited without a DevTools address; its stderr:\n" + stderr()));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        URI browserWs = URI.create(get(devtools, "chromium's DevTools address"));
        HttpClient http = HttpClient.newHttpClient();
        URI list = URI.create("http://" + browserWs.getAuthority() + "/json/list");
        String pageWs = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (pageWs == null) { // the first page target appears shortly after the browser's address
            String body = http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (Object t : (List<?>) MiniJson.parse(body)) {
                Map<?, ?> m = (Map<?, ?>) t;
                if ("page".equals(m.get("type"))) pageWs = (String) m.get("webSocketDebuggerUrl");
            }
            if (pageWs == null) {
                if (System.nanoTime() > deadline) throw new IOException("chromium shows no page target at " + list);
                Thread.sleep(50);
            }
        }
        ws = get(http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new Receiver()), "the DevTools WebSocket");
        call("Page.enable", "{}");
        call("Runtime.enable", "{}");
    }

    /** The browser's stderr so far (for failure messages). */
    public String stderr() { synchronized (stderr) { return stderr.toString(); } }

    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder part = new StringBuilder();

        @Override public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                Map<String, Object> m = MiniJson.object(part.toString());
                part.setLength(0);
                Object id = m.get("id");
                if (id instanceof Double d) {
                    CompletableFuture<Map<String, Object>> f = pending.remove(d.intValue());
                    if (f != null) f.complete(m);
                }
            }
            w.request(1);
            return null;
        }
    }

    /** Sends one DevTools command and returns its {@code result}; fails with the browser's error message. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> call(String method, String paramsJson) throws InterruptedException {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
        pending.put(id, f);
        ws.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}", true);
        Map<String, Object> reply;
        try {
            reply = get(f, "the reply to " + method);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (reply.get("error") != null) throw new IllegalStateException(method + " failed: " + reply.get("error"));
        return (Map<String, Object>) reply.get("result");
    }

    /** Opens {@code url} in the page. */
    public void navigate(URI url) throws InterruptedException {
        call("Page.navigate", "{\"url\":\"" + url + "\"}");
    }

    /** Evaluates {@code js} in the page and returns its value (JSON types: String, Double, Boolean, List, Map, null). */
    @SuppressWarnings("unchecked")
    public Object eval(String js) throws InterruptedException {
        Map<String, Object> r = call("Runtime.evaluate", "{\"expression\":" + quote(js) + ",\"returnByValue\":true}");
        if (r.get("exceptionDetails") != null) throw new IllegalStateException("the page threw for " + js + ": " + r.get("exceptionDetails"));
        return ((Map<String, Object>) r.get("result")).get("value");
    }

    /**
     * Evaluates {@code js} until {@code ok} accepts its value, polling the page; fails after {@link #WAIT}
     * with {@code what} and the last value.
     */
    public Object waitFor(String what, String js, Predicate<Object> ok) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Object last = null;
        while (true) {
            try {
                last = eval(js);
                if (ok.test(last)) return last;
            } catch (IllegalStateException e) {
                last = e.getMessage(); // the page may be loading
            }
            if (System.nanoTime() > deadline) throw new AssertionError("the page never showed " + what + " (last value of " + js + ": " + last + ")");
            Thread.sleep(100);
        }
    }

    /** Saves a PNG screenshot of the page to {@code file}. */
    public void screenshot(Path file) throws InterruptedException, IOException {
        Map<String, Object> r = call("Page.captureScreenshot", "{\"format\":\"png\",\"captureBeyondViewport\":true}");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode((String) r.get("data")));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }

    private <T> T get(CompletableFuture<T> f, String what) throws InterruptedException, IOException {
        try {
            return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("no " + what + " from chromium within " + WAIT + "; its stderr:\n" + stderr());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("waiting for " + what + ": " + e.getCause(), e.getCause());
        }
    }

    /** Kills the browser and every process it started, then deletes its profile. */
    @Override
    public void close() {
        try { if (ws != null) ws.abort(); } catch (RuntimeException e) { /* closing anyway */ }
        kill(process);
        deleteTree(profile);
    }

    private static void kill(Process p) {
        List<ProcessHandle> tree = p.descendants().toList();
        p.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle h : tree) h.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // reported by the leak check below if it matters
        }
        if (p.isAlive() || tree.stream().anyMatch(ProcessHandle::isAlive)) {
            throw new IllegalStateException("chromium (pid " + p.pid() + ") or one of its children outlived destroyForcibly");
        }
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> { try { Files.deleteIfExists(f); } catch (IOException e) { /* retried below */ } });
        } catch (IOException e) {
            // gone already
        }
        if (Files.exists(dir)) throw new IllegalStateException("could not delete chromium's profile " + dir);
    }
}
