package dev.omni.server.cli;

import dev.omni.server.storage.Storage;
import dev.omni.server.ServerException;
import dev.omni.server.auth.Accounts;
import dev.omni.server.objects.ObjectVerifier;
import dev.omni.server.store.MetadataStore;
import dev.omni.server.store.User;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", description = {"Re-read and re-hash every stored object (works while the server runs).",
    "Exits 1 when an object is damaged or missing."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataDirOption data;

    @Option(names = "--user", paramLabel = "EMAIL", description = "Only this account's objects.")
    String email;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ObjectVerifier.Report r;
        Storage storage = data.storage();
        try (MetadataStore store = storage.openMetadata(null)) {
            List<String> users = List.of();
            if (email != null) {
                User u = store.users().byEmail(Accounts.normaliseEmail(email))
                        .orElseThrow(() -> ServerException.notFound("account " + email));
                users = List.of(u.id());
            }
            r = storage.verifyObjects(store, users);
        }
        for (ObjectVerifier.Problem p : r.problems()) {
            out.println("PROBLEM  user " + p.userId() + "  " + p.subject() + "  " + p.detail());
        }
        for (String n : r.notes()) {
            out.println("note: " + n);
        }
        out.printf(Locale.ROOT, "%s%d objects (%.1f MiB) of %d users re-hashed%n",
                r.ok() ? "ok: " : r.problems().size() + " problems; ", r.objects(), r.bytes() / 1048576.0, r.users());
        return r.ok() ? 0 : 1;
    }
}
