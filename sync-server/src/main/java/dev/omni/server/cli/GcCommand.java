package dev.omni.server.cli;

import dev.omni.server.storage.Storage;
import dev.omni.server.objects.S3Maintenance;
import dev.omni.server.store.MetadataStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gc", description = {"Remove what dead uploads left in the S3 bucket: objects no index row names and"
        + " incomplete multipart uploads, older than --grace (works while the servers run)."})
final class GcCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataDirOption data;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "PT1H",
            description = "Leave alone what is younger (an upload in flight), ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--dry-run", description = "Only list what would be removed.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Storage storage = data.storage();
        S3Maintenance.GcReport r;
        try (MetadataStore store = storage.openMetadata(null)) {
            r = storage.collectGarbage(store, grace, Instant.now(), dryRun);
        }
        String verb = dryRun ? "would remove" : "removed";
        for (S3Maintenance.Orphan o : r.orphans()) {
            out.println(verb + " " + o.key() + " (" + o.size() + " bytes)");
        }
        for (S3Maintenance.StaleUpload u : r.uploads()) {
            out.println((dryRun ? "would abort" : "aborted") + " the multipart upload of " + u.key());
        }
        out.println(verb + " " + r.orphans().size() + " orphans, " + (dryRun ? "would abort " : "aborted ")
                + r.uploads().size() + " incomplete uploads; " + r.keptYoung() + " younger than " + grace + " left alone");
        return 0;
    }
}
