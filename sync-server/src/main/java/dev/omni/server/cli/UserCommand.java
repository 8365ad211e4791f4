package dev.omni.server.cli;

import dev.omni.core.model.Ulid;
import dev.omni.server.ServerOptions;
import dev.omni.server.auth.Accounts;
import dev.omni.server.auth.Passwords;
import dev.omni.server.auth.Secrets;
import dev.omni.server.store.MetadataStore;
import dev.omni.server.store.User;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "user", description = "Manage accounts (works while the server runs).",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Disable.class})
final class UserCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static <T> T withAccounts(DataDirOption data, Function<Accounts, T> work) {
        try (MetadataStore store = data.storage().openMetadata(null)) {
            ServerOptions d = ServerOptions.defaults();
            Secrets secrets = new Secrets(new SecureRandom());
            Accounts accounts = new Accounts(store.users(), new Passwords(secrets, d.passwordMemoryKiB(),
                    d.passwordIterations()), new Ulid(Clock.systemUTC()), Clock.systemUTC());
            return work.apply(accounts);
        }
    }

    @Command(name = "add", description = "Create an account. The password comes from a prompt, or from stdin with --password-stdin.")
    static final class Add implements Callable<Integer> {
        private final InputStream stdin;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataDirOption data;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Option(names = "--name", description = "Display name.")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
        boolean passwordStdin;

        Add(InputStream stdin) {
            this.stdin = stdin;
        }

        @Override
        public Integer call() throws IOException {
            String password = passwordStdin ? readLine() : prompt();
            User u = withAccounts(data, a -> a.add(email, name, password));
            spec.commandLine().getOut().println("created user " + u.email() + " (" + u.id() + ")");
            return 0;
        }

        private String readLine() throws IOException {
            BufferedReader r = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            String line = r.readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("no password on stdin");
            }
            return line;
        }

        private static String prompt() {
            Console c = System.console();
            if (c == null) {
                throw new IllegalArgumentException("no terminal to ask for the password; pipe it in with --password-stdin");
            }
            char[] a = c.readPassword("Password for the new account: ");
            char[] b = c.readPassword("Same password again: ");
            if (a == null || b == null || !Arrays.equals(a, b)) {
                throw new IllegalArgumentException("the passwords differ; nothing was created");
            }
            String weak = Passwords.whyWeak(new String(a));
            if (weak != null) {
                throw new IllegalArgumentException(weak);
            }
            return new String(a);
        }
    }

    @Command(name = "list", description = "List accounts.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataDirOption data;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            for (User u : withAccounts(data, Accounts::list)) {
                out.printf("%s\t%s\t%s\t%s%n", u.id(), u.email(), u.name() == null ? "" : u.name(),
                        u.disabled() ? "disabled" : "active");
            }
            return 0;
        }
    }

    @Command(name = "disable", description = "Disable an account: it can no longer sign in, and its tokens and sessions are revoked.")
    static final class Disable implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataDirOption data;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        public Integer call() {
            withAccounts(data, a -> {
                a.disable(email);
                return null;
            });
            spec.commandLine().getOut().println("disabled " + email + "; its tokens and sessions are revoked");
            return 0;
        }
    }
}
