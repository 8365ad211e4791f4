package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.sync.auth.AuthService;
import picocli.CommandLine.Command;

/** {@code omni logout}: revoke the token on the server and delete it here. */
@Command(name = "logout", description = "Log out: the token is revoked on the server and deleted here.")
public final class LogoutCommand extends BaseCommand {
    @Override
    protected int run() {
        AuthService auth = new AuthService(omni());
        String server = auth.status().map(l -> l.server().toString()).orElse("?");
        boolean revoked = auth.logout(w -> ctx.warnings().warn(null, w));
        ctx.say("Logged out of " + server + (revoked ? "" : " (the token is deleted here; the server could not be told)"));
        return ExitCodes.OK;
    }
}
