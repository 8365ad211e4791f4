import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Load generator for the omni server (a benchmark, not a test; JDK only, run with
 * {@code java ServerLoad.java}). N concurrent clients, each its own device with its own token,
 * push a project of M small files through S snapshots the way a sync client does: ask which
 * objects are missing, upload them in framed batches, record the snapshot, move the workspace
 * head, append a few changes and read the snapshot list. Prints requests/s and p50/p99 per
 * endpoint; exits 1 if any request failed.
 *
 * <pre>java ServerLoad.java --base-url URL --email E --password P [--clients 50] [--objects 1000] [--snapshots 20]
 *     [--server-log LOG[,LOG...]] [--summary FILE]</pre>
 */
public final class ServerLoad {
    static final HexFormat HEX = HexFormat.of();
    static final String BATCH = "application/vnd.omni.objects-batch";
    static final int DIRS = 20;
    static final int BATCH_OBJECTS = 200;

    final String base;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    final AtomicLong errors = new AtomicLong();
    final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

    ServerLoad(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        String base = a.get("--base-url");
        if (base == null || !a.containsKey("--email") || !a.containsKey("--password")) {
            System.err.println("usage: java ServerLoad.java --base-url URL --email E --password P"
                    + " [--clients 50] [--objects 1000] [--snapshots 20]");
            System.exit(2);
        }
        int clients = Integer.parseInt(a.getOrDefault("--clients", "50"));
        int objects = Integer.parseInt(a.getOrDefault("--objects", "1000"));
        int snapshots = Integer.parseInt(a.getOrDefault("--snapshots", "20"));
        ServerLoad load = new ServerLoad(base);

        long t0 = System.nanoTime();
        List<String> tokens = load.login(a.get("--email"), a.get("--password"), clients + 1);
        System.out.printf("logged in %d devices in %.1f s (device flow, approved through the web pages)%n", clients,
                (System.nanoTime() - t0) / 1e9);
        // Warm-up, not measured: one extra device pushes a small project, so that the numbers below
        // are of a server whose code paths have been loaded and compiled once.
        new Client(load, tokens.get(clients), clients, 100, 3).run();
        load.latencies.clear();
        if (load.errors.get() > 0) {
            load.errorSamples.forEach(e -> System.out.println("warm-up error: " + e));
            System.exit(1);
        }

        // Every client's project is generated before the clock starts: only the pushes are measured.
        List<Client> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            all.add(new Client(load, tokens.get(c), c, objects, snapshots));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        java.time.Instant startedAt = java.time.Instant.now();
        for (Client c : all) {
            done.add(pool.submit(() -> {
                c.run();
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        load.report(clients, objects, snapshots, wall);
        if (a.containsKey("--summary")) {
            load.summary(java.nio.file.Path.of(a.get("--summary")), wall);
        }
        if (a.containsKey("--server-log")) {
            List<java.nio.file.Path> logs = new ArrayList<>();
            for (String l : a.get("--server-log").split(",")) {
                logs.add(java.nio.file.Path.of(l));
            }
            serverSide(logs, startedAt);
        }
        System.exit(load.errors.get() == 0 ? 0 : 1);
    }

    // ---------------------------------------------------------------- HTTP

    record Reply(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Reply call(String endpoint, HttpRequest.Builder req) {
        long t = System.nanoTime();
        HttpResponse<byte[]> r;
        try {
            r = http.send(req.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            errors.incrementAndGet();
            errorSamples.add(endpoint + ": " + e);
            return new Reply(0, new byte[0]);
        }
        latencies.computeIfAbsent(endpoint, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - t);
        if (r.statusCode() >= 300) {
            errors.incrementAndGet();
            if (errorSamples.size() < 10) {
                errorSamples.add(endpoint + " -> " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
            }
        }
        return new Reply(r.statusCode(), r.body());
    }

    HttpRequest.Builder req(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    static HttpRequest.BodyPublisher json(String s) {
        return HttpRequest.BodyPublishers.ofString(s);
    }

    static String form(Map<String, String> f) {
        return f.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    // ---------------------------------------------------------------- login: RFC 8628 with approval on the web pages

    List<String> login(String email, String password, int devices) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Pattern csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
        java.util.function.Function<String, String> csrfOf = html -> {
            Matcher m = csrf.matcher(html);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on " + html);
            }
            return m.group(1);
        };
        String loginPage = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> signIn = browser.send(formPost("/login", Map.of("csrf", csrfOf.apply(loginPage),
                "email", email, "password", password, "next", "/")), HttpResponse.BodyHandlers.ofString());
        if (signIn.statusCode() != 303) {
            throw new IllegalStateException("sign-in failed: " + signIn.statusCode());
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            Reply auth = call("POST /oauth/device_authorization", req("/oauth/device_authorization", null)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(json(form(Map.of("client_id", "omni-bench", "device_name", "bench-" + i)))));
            String userCode = field(auth.text(), "user_code");
            String entry = browser.send(HttpRequest.newBuilder(URI.create(base + "/device?user_code=" + userCode)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String confirm = browser.send(formPost("/device", Map.of("csrf", csrfOf.apply(entry), "user_code", userCode)),
                    HttpResponse.BodyHandlers.ofString()).body();
            browser.send(formPost("/device/decision", Map.of("csrf", csrfOf.apply(confirm), "user_code", userCode,
                    "decision", "approve")), HttpResponse.BodyHandlers.ofString());
            Reply token = call("POST /oauth/token", req("/oauth/token", null)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(json(form(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                            "device_code", field(auth.text(), "device_code"), "client_id", "omni-bench")))));
            tokens.add(field(token.text(), "access_token"));
        }
        return tokens;
    }

    HttpRequest formPost(String path, Map<String, String> f) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(f))).build();
    }

    // ---------------------------------------------------------------- one client

    static final class Client {
        final ServerLoad load;
        final String token;
        final Random random;
        final int objects;
        final int snapshots;
        final byte[][] files;
        final String project;
        final String workspace;
        final String device;
        final MessageDigest sha;

        Client(ServerLoad load, String token, int id, int objects, int snapshots) throws Exception {
            this.load = load;
            this.token = token;
            this.random = new Random(1000 + id);
            this.objects = objects;
            this.snapshots = snapshots;
            this.files = new byte[objects][];
            for (int i = 0; i < objects; i++) {
                files[i] = randomFile();
            }
            this.project = ulid();
            this.workspace = ulid();
            this.device = ulid();
            this.sha = MessageDigest.getInstance("SHA-256");
        }

        byte[] randomFile() {
            byte[] b = new byte[200 + random.nextInt(1800)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ('a' + random.nextInt(26));
            }
            return b;
        }

        String ulid() {
            String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
            long t = System.currentTimeMillis();
            char[] c = new char[26];
            for (int i = 9; i >= 0; i--) {
                c[i] = alphabet.charAt((int) (t & 31));
                t >>>= 5;
            }
            for (int i = 10; i < 26; i++) {
                c[i] = alphabet.charAt(random.nextInt(32));
            }
            return new String(c);
        }

        String hash(byte[] b) {
            return HEX.formatHex(sha.digest(b));
        }

        void run() {
            put("PUT /projects/{id}", "/v1/projects/" + project, "{\"name\":\"bench " + project + "\"}");
            put("PUT /workspaces/{id}", "/v1/workspaces/" + workspace, "{\"project_id\":\"" + project
                    + "\",\"name\":\"bench\",\"machine_id\":\"bench-machine\",\"local_path\":\"/tmp/bench\"}");
            String parent = null;
            String cursor = "0";
            long seq = 0;
            for (int s = 0; s < snapshots; s++) {
                if (s > 0) {
                    for (int k = 0; k < 10; k++) {
                        files[random.nextInt(objects)] = randomFile();
                    }
                }
                Map<String, byte[]> all = new LinkedHashMap<>();
                String root = trees(all);
                List<String> ids = new ArrayList<>(all.keySet());
                Reply missing = load.call("POST /objects/missing", load.req("/v1/objects/missing", token)
                        .header("Content-Type", "application/json")
                        .POST(json("{\"ids\":[" + ids.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(","))
                                + "]}")));
                List<String> lacking = new ArrayList<>();
                Matcher m = Pattern.compile("[0-9a-f]{64}").matcher(missing.text());
                while (m.find()) {
                    lacking.add(m.group());
                }
                for (int i = 0; i < lacking.size(); i += BATCH_OBJECTS) {
                    upload(lacking.subList(i, Math.min(lacking.size(), i + BATCH_OBJECTS)), all);
                }
                String snap = "snap-" + ulid();
                put("PUT /snapshots/{id}", "/v1/snapshots/" + snap, "{\"project_id\":\"" + project
                        + "\",\"workspace_id\":\"" + workspace + "\",\"manifest_hash\":\"" + root + "\",\"parents\":["
                        + (parent == null ? "" : "\"" + parent + "\"") + "],\"message\":\"bench " + s
                        + "\",\"source\":\"daemon\",\"author\":\"bench\",\"created_at\":\"2026-11-21T10:00:00Z\",\"files\":"
                        + objects + ",\"bytes\":1}");
                load.call("POST /workspaces/{id}/head", load.req("/v1/workspaces/" + workspace + "/head", token)
                        .header("Content-Type", "application/json")
                        .POST(json("{\"snapshot_id\":\"" + snap + "\",\"expected_version\":" + s + "}")));
                StringBuilder changes = new StringBuilder("{\"device_id\":\"" + device + "\",\"changes\":[");
                for (int k = 0; k < 5; k++) {
                    seq++;
                    changes.append(k == 0 ? "" : ",").append("{\"seq\":").append(seq)
                            .append(",\"type\":\"memory_item\",\"entity_id\":\"m").append(seq)
                            .append("\",\"op\":\"upsert\",\"data\":{\"text\":\"fact ").append(seq)
                            .append("\"},\"at\":\"2026-11-21T10:00:00Z\"}");
                }
                load.call("POST /changes", load.req("/v1/changes", token).header("Content-Type", "application/json")
                        .POST(json(changes.append("]}").toString())));
                Reply list = load.call("GET /projects/{id}/snapshots",
                        load.req("/v1/projects/" + project + "/snapshots?after=" + cursor, token).GET());
                Matcher c = Pattern.compile("\"next_cursor\":\"(\\d+)\"").matcher(list.text());
                if (c.find()) {
                    cursor = c.group(1);
                }
                parent = snap;
            }
            load.call("GET /changes", load.req("/v1/changes?device_id=" + device, token).GET());
        }

        void put(String endpoint, String path, String body) {
            load.call(endpoint, load.req(path, token).header("Content-Type", "application/json").PUT(json(body)));
        }

        /** The canonical trees: DIRS directories of files, a root of directories. Returns the root id. */
        String trees(Map<String, byte[]> all) {
            List<String> dirEntries = new ArrayList<>();
            int per = (objects + DIRS - 1) / DIRS;
            for (int d = 0; d < DIRS; d++) {
                StringBuilder t = new StringBuilder("[");
                for (int i = d * per; i < Math.min(objects, (d + 1) * per); i++) {
                    String h = hash(files[i]);
                    all.put(h, files[i]);
                    t.append(t.length() == 1 ? "" : ",").append("{\"hash\":\"").append(h)
                            .append("\",\"mode\":\"644\",\"name\":\"").append(String.format("f%05d.txt", i))
                            .append("\",\"size\":").append(files[i].length).append(",\"type\":\"file\"}");
                }
                byte[] tree = t.append(']').toString().getBytes(StandardCharsets.UTF_8);
                String h = hash(tree);
                all.put(h, tree);
                dirEntries.add("{\"hash\":\"" + h + "\",\"name\":\"" + String.format("d%02d", d) + "\",\"type\":\"dir\"}");
            }
            byte[] root = ("[" + String.join(",", dirEntries) + "]").getBytes(StandardCharsets.UTF_8);
            String h = hash(root);
            all.put(h, root);
            return h;
        }

        void upload(List<String> ids, Map<String, byte[]> all) {
            int size = 12;
            for (String id : ids) {
                size += 36 + all.get(id).length;
            }
            ByteBuffer b = ByteBuffer.allocate(size);
            b.put("OMNIBAT1".getBytes(StandardCharsets.US_ASCII)).putInt(ids.size());
            for (String id : ids) {
                byte[] data = all.get(id);
                b.put(HEX.parseHex(id)).putInt(data.length).put(data);
            }
            load.call("POST /objects/batch", load.req("/v1/objects/batch", token).header("Content-Type", BATCH)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(b.array())));
        }
    }

    // ---------------------------------------------------------------- report

    void report(int clients, int objects, int snapshots, double wall) {
        long total = latencies.values().stream().mapToLong(q -> q.size()).sum();
        System.out.printf("%d clients x (%d objects, %d snapshots): %d requests in %.1f s = %.0f requests/s, %d errors%n",
                clients, objects, snapshots, total, wall, total / wall, errors.get());
        System.out.printf("%-30s %7s %9s %9s %9s%n", "endpoint", "count", "p50 ms", "p99 ms", "max ms");
        for (Map.Entry<String, ConcurrentLinkedQueue<Long>> e : new TreeMap<>(latencies).entrySet()) {
            long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("%-30s %7d %9.1f %9.1f %9.1f%n", e.getKey(), v.length, pct(v, 50), pct(v, 99),
                    v[v.length - 1] / 1e6);
        }
        errorSamples.forEach(s -> System.out.println("error: " + s));
    }

    /** The totals and per-endpoint percentiles as tab-separated lines, for a script to compare runs. */
    void summary(java.nio.file.Path file, double wall) throws java.io.IOException {
        long total = latencies.values().stream().mapToLong(q -> q.size()).sum();
        StringBuilder b = new StringBuilder();
        b.append(String.format(java.util.Locale.ROOT, "total\t%d\t%.1f\t%.0f\t%d%n", total, wall, total / wall, errors.get()));
        for (Map.Entry<String, ConcurrentLinkedQueue<Long>> e : new TreeMap<>(latencies).entrySet()) {
            long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            b.append(String.format(java.util.Locale.ROOT, "%s\t%d\t%.1f\t%.1f%n", e.getKey(), v.length, pct(v, 50), pct(v, 99)));
        }
        java.nio.file.Files.writeString(file, b);
    }

    /**
     * The same percentiles from the server's own request log (time inside the server, from the
     * request line to the last byte written), which leaves out this generator's share of the CPU.
     */
    static void serverSide(List<java.nio.file.Path> logs, java.time.Instant since) throws java.io.IOException {
        Pattern line = Pattern.compile("\\{\"ts\":\"([^\"]+)\".*\"method\":\"(\\w+)\",\"path\":\"([^\"]+)\",\"status\":(\\d+),\"ms\":([0-9.]+)");
        Map<String, List<Double>> byEndpoint = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        for (java.nio.file.Path log : logs) {
            lines.addAll(java.nio.file.Files.readAllLines(log));
        }
        for (String l : lines) {
            Matcher m = line.matcher(l);
            if (!m.find() || java.time.Instant.parse(m.group(1)).isBefore(since)) {
                continue;
            }
            String path = m.group(3).replaceAll("/(snap-)?[0-9A-HJKMNP-TV-Z]{26}|/[0-9a-f]{64}", "/{id}").replaceFirst("^/v1", "");
            byEndpoint.computeIfAbsent(m.group(2) + " " + path, k -> new ArrayList<>()).add(Double.parseDouble(m.group(5)));
        }
        System.out.println("inside the server (its request log):");
        System.out.printf("%-30s %7s %9s %9s %9s%n", "endpoint", "count", "p50 ms", "p99 ms", "max ms");
        for (Map.Entry<String, List<Double>> e : byEndpoint.entrySet()) {
            long[] v = e.getValue().stream().mapToLong(d -> (long) (d * 1e6)).sorted().toArray();
            System.out.printf("%-30s %7d %9.1f %9.1f %9.1f%n", e.getKey(), v.length, pct(v, 50), pct(v, 99),
                    v[v.length - 1] / 1e6);
        }
    }

    static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
