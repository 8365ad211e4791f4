package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.util.Times;
import dev.omni.sync.auth.AuthService;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code omni auth status}. */
@Command(name = "auth", description = "Login status.", subcommands = AuthCommand.Status.class)
public final class AuthCommand extends BaseCommand {
    @Override
    protected int run() {
        spec.commandLine().usage(ctx.out());
        return ExitCodes.USAGE;
    }

    /** {@code omni auth status [--json]}: server, user and where the token is kept. */
    @Command(name = "status", description = {"Show the server, the user and where the token is kept.", "Exits 9 when not logged in."})
    public static final class Status extends BaseCommand {
        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            var login = new AuthService(omni()).status();
            boolean expired = login.isPresent() && login.get().expired(omni().now());
            if (json.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("logged_in", login.isPresent() && !expired);
                login.ifPresent(l -> {
                    m.put("server", l.server().toString());
                    m.put("email", l.email());
                    m.put("user_id", l.userId());
                    m.put("token_store", l.tokenStore());
                    m.put("token_location", l.tokenWhere());
                    m.put("logged_in_at", l.loggedInAt() == null ? null : Times.format(l.loggedInAt()));
                    m.put("expires_at", l.expiresAt() == null ? null : Times.format(l.expiresAt()));
                    m.put("expired", expired);
                });
                JsonOption.print(ctx.out(), m);
            } else if (login.isEmpty()) {
                ctx.out().println("Not logged in; run 'omni login --server URL'.");
            } else {
                var l = login.get();
                ctx.out().println((expired ? "Login expired: " : "Logged in as ") + l.email() + " on " + l.server());
                ctx.out().println("token in " + l.tokenWhere() + (l.expiresAt() == null ? "" : ", expires " + Times.format(l.expiresAt())));
            }
            return login.isPresent() && !expired ? ExitCodes.OK : ExitCodes.AUTH;
        }
    }
}
