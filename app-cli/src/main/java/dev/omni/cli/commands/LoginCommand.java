package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.config.Config;
import dev.omni.sync.auth.AuthService;
import dev.omni.sync.client.DeviceLogin;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni login}: the device flow, like {@code gh auth login}. */
@Command(name = "login", description = {"Log in to an omni server with a code you approve in a browser.",
    "omni shows the code and waits until it is approved.",
    "The token goes to the OS keyring, or to a file only you can read."})
public final class LoginCommand extends BaseCommand {
    @Option(names = "--server", paramLabel = "URL", description = "The server (default: the 'server' setting, $OMNI_SERVER).")
    String server;

    @Option(names = "--no-browser", description = "Do not offer to open a browser.")
    boolean noBrowser;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        AuthService auth = new AuthService(omni());
        URI url = auth.server(server);
        AuthService.Login login = auth.login(url, this::show, d -> Thread.sleep(d.toMillis()), ctx.warnings());
        Config config = Config.load(omni().home().configDir());
        if (config.get(Config.Key.SERVER).isEmpty()) {
            config.set(Config.Key.SERVER, url.toString());
        }
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("server", login.server().toString());
            m.put("email", login.email());
            m.put("user_id", login.userId());
            m.put("token_store", login.tokenStore());
            JsonOption.print(ctx.out(), m);
        } else {
            ctx.say(ctx.style().green("✓") + " Logged in as " + login.email() + " on " + login.server());
        }
        return ExitCodes.OK;
    }

    private void show(DeviceLogin.Code code) {
        var st = ctx.style();
        // The code goes to stderr with --json, so stdout stays one JSON document.
        var out = json.json ? ctx.err() : ctx.out();
        out.println("First copy your one-time code: " + st.bold(code.userCode()));
        out.println("Then open " + code.verificationUri() + " in a browser and enter it,");
        if (code.verificationUriComplete() != null) {
            out.println("or open " + code.verificationUriComplete() + " directly.");
        }
        out.println(st.dim("Waiting for approval (the code expires in " + code.expiresIn().toMinutes() + " minutes)..."));
        out.flush();
        if (!noBrowser && ctx.interactive()) {
            Browser.open(code.verificationUriComplete() != null ? code.verificationUriComplete() : code.verificationUri(), ctx.err());
        }
    }
}
