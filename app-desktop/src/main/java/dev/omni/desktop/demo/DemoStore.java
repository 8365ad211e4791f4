package dev.omni.desktop.demo;

import dev.omni.core.Env;
import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds a demo omni home through the same core services as the CLI: two projects, workspaces with
 * a week of snapshots from the CLI, the daemon and the app, a fork that drifted from main with a
 * conflict, uncommitted changes, memory items and an imported conversation. Used for the README's
 * screenshots and by the UI tests.
 *
 * <p>Run: {@code DemoStore HOME WORKDIR}.
 */
public final class DemoStore {
    /** What the demo made, for tests to find their way. */
    public record Seeded(Path home, Path work, String projectId, Workspace main, Workspace feature) {
    }

    private final DemoClock clock;
    private final Omni omni;
    private final Path work;

    private DemoStore(Path home, Path work, Instant now) {
        this.clock = new DemoClock(now.minus(Duration.ofHours(78)));
        Map<String, String> vars = new HashMap<>();
        vars.put("OMNI_AUTHOR", "ann");
        vars.put("HOSTNAME", "ann-laptop");
        this.omni = Omni.open(new Env(vars, work, work, clock, "ann"), home);
        this.work = work;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: DemoStore HOME WORKDIR");
            System.exit(2);
        }
        Seeded s = seed(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath(), Instant.now());
        System.out.println("demo home " + s.home() + ", working copies under " + s.work());
    }

    /** Seeds {@code home} with working copies under {@code work}, the history ending shortly before {@code now}. */
    public static Seeded seed(Path home, Path work, Instant now) {
        DemoStore d = new DemoStore(home, work, now);
        try {
            return d.run();
        } finally {
            d.omni.close();
        }
    }

    private Seeded run() {
        WorkspaceService ws = new WorkspaceService(omni);
        SnapshotService snaps = new SnapshotService(omni);
        Path shop = work.resolve("webshop");
        write(shop, "README.md", "# webshop\n\nA small shop: catalogue, cart and checkout.\n\nRun `make dev` to start it.\n");
        write(shop, "src/cart.py", CART_V1);
        write(shop, "src/catalog.py", "PRODUCTS = {\n    \"tea\": 4.50,\n    \"coffee\": 6.00,\n}\n\n\ndef price(name):\n"
                + "    return PRODUCTS[name]\n");
        write(shop, "src/app.py", "from cart import Cart\n\n\ndef main():\n    cart = Cart()\n    cart.add(\"tea\", 2)\n"
                + "    print(cart.total())\n\n\nif __name__ == \"__main__\":\n    main()\n");
        write(shop, "Makefile", "dev:\n\tpython3 src/app.py\n");
        WorkspaceLifecycle.Initialized init = new WorkspaceLifecycle(omni).init(shop, "webshop", null, "cli",
                SnapshotService.Options.of("initial import", "cli"), Warnings.IGNORE, Progress.NONE);
        Project project = init.project();
        Workspace main = init.workspace();

        step(Duration.ofHours(20));
        write(shop, "src/cart.py", CART_V2);
        take(snaps, main, "cart: quantities and a total", "cli");
        step(Duration.ofHours(5));
        write(shop, "tests/test_cart.py", "from cart import Cart\n\n\ndef test_total():\n    c = Cart()\n    c.add(\"tea\", 2)\n"
                + "    assert c.total() == 9.0\n");
        take(snaps, main, null, "daemon");
        step(Duration.ofHours(26));
        write(shop, "src/catalog.py", "PRODUCTS = {\n    \"tea\": 4.50,\n    \"coffee\": 6.00,\n    \"cocoa\": 5.25,\n}\n\n\n"
                + "def price(name):\n    return PRODUCTS[name]\n");
        take(snaps, main, "catalogue: cocoa", "gui");

        step(Duration.ofHours(3));
        Snapshot forkPoint = snaps.get(ws.find(main.id()).orElseThrow().currentSnapshot());
        Workspace feature = new WorkspaceLifecycle(omni).create(project, "checkout", forkPoint, work.resolve("webshop-checkout"), "cli", Progress.NONE);
        Path feat = feature.localPath();
        step(Duration.ofHours(4));
        write(feat, "src/checkout.py", "from cart import Cart\n\n\ndef checkout(cart: Cart, card: str) -> str:\n"
                + "    if not card:\n        raise ValueError(\"a card is needed\")\n    return f\"paid {cart.total():.2f}\"\n");
        write(feat, "src/cart.py", CART_V3_FEATURE);
        take(snaps, feature, "checkout: pay by card", "cli");
        step(Duration.ofHours(6));
        write(feat, "README.md", "# webshop\n\nA small shop: catalogue, cart and checkout.\n\nRun `make dev` to start it.\n\n"
                + "## Checkout\n\nCards only for now.\n");
        take(snaps, feature, "docs: checkout", "daemon");

        step(Duration.ofHours(9));
        write(shop, "src/cart.py", CART_V3_MAIN);
        take(snaps, main, "cart: discounts", "cli");
        step(Duration.ofHours(2));
        write(shop, "Makefile", "dev:\n\tpython3 src/app.py\n\ntest:\n\tpython3 -m pytest -q\n");
        take(snaps, main, null, "daemon");
        step(Duration.ofMinutes(50));
        // Uncommitted work in main: shows as local changes and in the working-copy diff.
        write(shop, "src/app.py", "from cart import Cart\n\n\ndef main():\n    cart = Cart()\n    cart.add(\"tea\", 2)\n"
                + "    cart.add(\"cocoa\", 1)\n    print(f\"total: {cart.total():.2f}\")\n\n\nif __name__ == \"__main__\":\n    main()\n");

        Path notes = work.resolve("field-notes");
        write(notes, "notes.md", "# Field notes\n\n- try the new espresso grinder\n");
        write(notes, "todo.txt", "order beans\n");
        step(Duration.ofHours(1));
        new WorkspaceLifecycle(omni).init(notes, "field-notes", null, "cli", SnapshotService.Options.of("start", "cli"), Warnings.IGNORE, Progress.NONE);
        DemoKnowledge.seed(omni, project.id(), main, step -> step(step));
        return new Seeded(omni.home().root(), work, project.id(), ws.find(main.id()).orElseThrow(), ws.find(feature.id()).orElseThrow());
    }

    private void step(Duration d) {
        clock.advance(d);
    }

    private static void take(SnapshotService snaps, Workspace w, String message, String source) {
        snaps.take(w, SnapshotService.Options.of(message, source), Warnings.IGNORE, Progress.NONE);
    }

    private static void write(Path root, String path, String content) {
        try {
            Path f = root.resolve(path);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String s) {
        return s.lines().toList();
    }

    private static final String CART_V1 = "class Cart:\n    def __init__(self):\n        self.items = []\n\n"
            + "    def add(self, name):\n        self.items.append(name)\n";

    private static final String CART_V2 = "from catalog import price\n\n\nclass Cart:\n    def __init__(self):\n"
            + "        self.items = {}\n\n    def add(self, name, quantity=1):\n"
            + "        self.items[name] = self.items.get(name, 0) + quantity\n\n    def total(self):\n"
            + "        return sum(price(n) * q for n, q in self.items.items())\n";

    private static final String CART_V3_FEATURE = "from catalog import price\n\n\nclass Cart:\n    def __init__(self):\n"
            + "        self.items = {}\n\n    def add(self, name, quantity=1):\n        if quantity < 1:\n"
            + "            raise ValueError(\"quantity must be positive\")\n"
            + "        self.items[name] = self.items.get(name, 0) + quantity\n\n    def total(self):\n"
            + "        return round(sum(price(n) * q for n, q in self.items.items()), 2)\n";

    private static final String CART_V3_MAIN = "from catalog import price\n\n\nclass Cart:\n    def __init__(self):\n"
            + "        self.items = {}\n        self.discount = 0.0\n\n    def add(self, name, quantity=1):\n"
            + "        self.items[name] = self.items.get(name, 0) + quantity\n\n    def total(self):\n"
            + "        gross = sum(price(n) * q for n, q in self.items.items())\n        return gross * (1 - self.discount)\n";
}
