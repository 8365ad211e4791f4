import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The generated part of the semantic-search evaluation corpus: memory items and conversations of a
 * made-up product team ("acme": a web shop with billing, a mobile app, a sync daemon), from
 * templates and fillers, deterministic for a seed. The judged facts of judged.txt are placed among
 * them. Written for this benchmark.
 */
final class Corpus {
    static final String[] COMPONENTS = {"billing service", "invoice exporter", "CSV importer", "search page", "settings screen",
        "onboarding flow", "rate limiter", "cron scheduler", "email sender", "PDF renderer", "image resizer", "feature flag service",
        "audit log", "metrics exporter", "GraphQL gateway", "admin dashboard", "notification service", "payment webhook",
        "profile page", "session store", "upload handler", "report generator", "cache layer", "queue consumer", "config loader",
        "CLI parser", "test harness", "CI pipeline", "Docker image", "Terraform module", "backup job", "log shipper",
        "checkout page", "cart service", "coupon engine", "shipping calculator", "tax module", "inventory sync", "sync daemon",
        "snapshot engine", "merge tool", "diff viewer", "desktop app", "login page", "password reset flow", "API client"};
    static final String[] SYMPTOMS = {"returns a 500 on empty input", "is slow on large accounts", "crashes on startup",
        "shows the wrong totals", "logs too much", "leaks file handles", "ignores the config file", "times out in staging",
        "renders blank on Safari", "double-counts discounts", "drops the last row", "hangs when the network is down",
        "uses too much CPU", "breaks after the upgrade", "sends duplicate events", "fails on Windows paths",
        "loses the selection on reload", "rejects valid postcodes", "misreads dates before 1970", "skips archived items"};
    static final String[] CAUSES = {"an off-by-one in the loop over pages", "a missing null check on the optional field",
        "a race between the two background workers", "the cache key ignoring the locale", "an unbounded list kept in memory",
        "the retry wrapper swallowing the exception", "a wrong default in the config schema", "integer division in the total",
        "the query loading every row before filtering", "a stale copy of the settings object", "string comparison with ==",
        "the thread pool being too small", "a regex that backtracks on long input", "the timezone taken from the server",
        "an event handler registered twice", "the path separator hard-coded as a slash", "a missing index on the foreign key",
        "reading the whole file into a string", "the wrong HTTP method on the route", "a mutable static field shared by tests"};
    static final String[] FIXES = {"moved the check before the loop", "added a guard and a test for the empty case",
        "replaced the list with a bounded queue", "made the worker take a lock", "passed the locale into the cache key",
        "rethrew the exception with context", "fixed the default and documented it", "switched to decimal arithmetic",
        "pushed the filter into the SQL query", "reloaded the settings after save", "used equals instead of ==",
        "raised the pool size to the number of cores", "rewrote the regex without nested quantifiers",
        "used the user's timezone explicitly", "deduplicated the handler registration", "used Path.resolve for the file name",
        "added the missing index in a migration", "streamed the file line by line", "changed the route to PATCH",
        "made the field an instance field"};
    static final String[] TECH = {"Kotlin coroutines", "Spring Boot", "React Query", "Tailwind", "Flyway", "Jackson",
        "OkHttp", "Retrofit", "Gradle", "Maven", "Vite", "Playwright", "JUnit 5", "AssertJ", "Mockito", "Caffeine",
        "Micrometer", "OpenTelemetry", "Sentry", "Redis", "RabbitMQ", "Kafka", "MinIO", "Keycloak", "Liquibase", "jOOQ",
        "Hibernate", "Next.js", "SwiftUI", "Jetpack Compose"};
    static final String[] PURPOSES = {"HTTP calls between services", "the admin UI", "schema changes", "JSON mapping",
        "end-to-end browser tests", "in-process caching", "tracing requests across services", "error reporting",
        "event streaming", "object storage in development", "identity and access", "type-safe SQL", "the build",
        "state management in the web client", "styling", "unit tests", "assertions", "metrics", "the mobile screens",
        "background jobs"};
    static final String[] FEATURES = {"a bulk edit mode", "CSV download", "a dark variant of the charts", "keyboard shortcuts",
        "two-factor recovery codes", "saved filters", "an undo button", "per-team quotas", "webhook signatures",
        "partial refunds", "gift cards", "a read-only share link", "draft autosave", "multi-currency prices",
        "an activity feed", "pagination on the orders list", "an audit trail export", "invite links that expire",
        "drag and drop reordering", "a print stylesheet"};
    static final String[] FILES = {"src/billing/InvoiceService.kt", "src/import/CsvReader.java", "web/src/pages/Search.tsx",
        "web/src/pages/Settings.tsx", "src/jobs/Scheduler.java", "src/mail/Mailer.kt", "src/pdf/Renderer.java",
        "src/media/Resizer.kt", "src/flags/Flags.java", "src/audit/AuditLog.java", "gateway/schema.graphql",
        "web/src/admin/Dashboard.tsx", "src/notify/Notifier.kt", "src/payments/Webhook.java", "web/src/pages/Profile.tsx",
        "src/session/SessionStore.java", "src/upload/UploadHandler.java", "src/reports/ReportJob.kt", "src/cache/Cache.java",
        "src/queue/Consumer.kt", "src/config/ConfigLoader.java", "cli/src/main.rs", ".github/workflows/ci.yml", "Dockerfile",
        "infra/main.tf", "scripts/backup.sh", "web/src/pages/Checkout.tsx", "src/cart/CartService.java",
        "src/tax/TaxRules.kt", "src/sync/Daemon.java"};
    static final String[] ASKS = {
        "Can you look at why the %1$s %2$s?",
        "The %1$s %2$s since yesterday. Please investigate.",
        "Please add %3$s to the %1$s.",
        "Could you refactor %4$s? It has grown too big.",
        "Write tests for the %1$s, it has almost none.",
        "What does the %1$s do when the user is not logged in?",
        "Review my change to %4$s and tell me what you would do differently.",
        "Let's rename the %1$s to something clearer.",
        "Is there dead code in %4$s we can delete?",
        "Why does the %1$s need %5$s at all?",
        "Update the README section about the %1$s.",
        "Make the %1$s configurable per environment.",
        "Go on.",
        "Continue with the next item.",
        "Looks good, commit it.",
        "Run the whole test suite and tell me what fails."};
    static final String[] ANSWERS = {
        "I looked at `%4$s`: the %1$s %2$s because of %6$s. I %7$s and the tests pass now.",
        "The failure comes from %6$s. I %7$s; the %1$s behaves again.",
        "Done: %3$s is in `%4$s`, with tests for the main paths.",
        "I split `%4$s` into three smaller classes and kept the public methods as they were.",
        "I added eight tests for the %1$s; two of them found real bugs, which I fixed.",
        "When nobody is logged in the %1$s redirects to the login page and keeps the original URL in the query string.",
        "Your change is fine. I would only move the validation out of the controller and name the boolean more clearly.",
        "Renamed it everywhere, including the configuration keys and the docs.",
        "Yes, about 200 lines in `%4$s` are never called; I removed them and the build is green.",
        "We use %5$s there for %8$s; removing it would mean writing that part ourselves.",
        "I rewrote the README section about the %1$s with an example configuration.",
        "The %1$s now reads its settings from the environment, with the old values as defaults.",
        "All 412 tests pass except two in the %1$s, which time out on this machine.",
        "Committed as \"%1$s: %7$s\"."};
    static final String[] MEMORY_FACTS = {
        "The %1$s is written in %5$s.",
        "The %1$s runs every %9$d minutes.",
        "The %1$s keeps its state in `%4$s`.",
        "The %1$s has its own database schema called %10$s.",
        "Staging uses a smaller %1$s with %9$d workers.",
        "The %1$s talks to the %11$s over HTTP."};
    static final String[] MEMORY_DECISIONS = {
        "Use %5$s for %8$s.",
        "Keep the %1$s stateless.",
        "The %1$s gets %3$s before the next release.",
        "Drop the old %1$s endpoints after the migration."};
    static final String[] RATIONALES = {"the team knows it well", "it is simpler to operate", "it is cheaper at our scale",
        "the old one is unmaintained", "customers asked for it", "it removes a whole class of bugs"};
    static final String[] MEMORY_NOTES = {
        "When the %1$s %2$s, check for %6$s first.",
        "Remember that `%4$s` is generated; edit its template instead.",
        "The %1$s tests need the %11$s running locally.",
        "The %1$s is shared by the web and the mobile client."};
    static final String[] MEMORY_NEXT = {"Add %3$s to the %1$s.", "Write a runbook for the %1$s.", "Remove %5$s from the %1$s.",
        "Measure how slow the %1$s is on large accounts."};
    static final String[] MEMORY_PREFS = {"Keep pull requests for the %1$s small.", "Prefer %5$s over hand-written code for %8$s.",
        "Explain changes to the %1$s in the commit message body."};

    final Random r;

    Corpus(long seed) {
        this.r = new Random(seed);
    }

    String pick(String[] a) {
        return a[r.nextInt(a.length)];
    }

    /** The fillers %1$s … %11$s of the templates. */
    Object[] slots() {
        String comp = pick(COMPONENTS);
        String other;
        do {
            other = pick(COMPONENTS);
        } while (other.equals(comp));
        int i = r.nextInt(PURPOSES.length);
        return new Object[] {comp, pick(SYMPTOMS), pick(FEATURES), pick(FILES), pick(TECH), CAUSES[r.nextInt(CAUSES.length)],
            FIXES[r.nextInt(FIXES.length)], PURPOSES[i], 5 + r.nextInt(55), comp.replace(' ', '_'), other};
    }

    String fill(String template) {
        return String.format(template, slots());
    }

    /** A user message and the assistant's answer to it, about the same thing. */
    String[] exchange() {
        Object[] s = slots();
        int k = r.nextInt(ASKS.length);
        String ask = String.format(ASKS[k], s);
        String answer = String.format(ANSWERS[Math.min(k, ANSWERS.length - 1)], s);
        return new String[] {ask, answer};
    }

    /** A made-up memory item: type and text (and a rationale for decisions). */
    String[] memory() {
        int t = r.nextInt(10);
        if (t < 4) {
            return new String[] {"fact", fill(pick(MEMORY_FACTS)), null};
        }
        if (t < 6) {
            return new String[] {"decision", fill(pick(MEMORY_DECISIONS)), "Because " + pick(RATIONALES) + "."};
        }
        if (t < 8) {
            return new String[] {"note", fill(pick(MEMORY_NOTES)), null};
        }
        if (t < 9) {
            return new String[] {"next_step", fill(pick(MEMORY_NEXT)), null};
        }
        return new String[] {"preference", fill(pick(MEMORY_PREFS)), null};
    }

    /** A shell command and its output, as an agent's tool call and result. */
    String[] tool() {
        String file = pick(FILES);
        return switch (r.nextInt(3)) {
            case 0 -> new String[] {"./gradlew test --tests '*" + file.replaceAll(".*/|\\..*", "") + "*'",
                "BUILD SUCCESSFUL in " + (5 + r.nextInt(60)) + "s\n" + (10 + r.nextInt(90)) + " tests completed"};
            case 1 -> new String[] {"grep -rn TODO " + file, file + ":" + (1 + r.nextInt(300)) + ": // TODO handle the empty case"};
            default -> new String[] {"git diff --stat", " " + file + " | " + (2 + r.nextInt(40)) + " ++++--\n 1 file changed"};
        };
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
