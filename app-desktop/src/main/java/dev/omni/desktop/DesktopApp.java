package dev.omni.desktop;

import dev.omni.core.Env;
import dev.omni.core.Omni;
import dev.omni.desktop.app.AuthAccounts;
import dev.omni.desktop.app.ProcessDaemon;
import dev.omni.desktop.app.SystemTheme;
import dev.omni.desktop.task.FxTaskExecutor;
import dev.omni.desktop.view.MainView;
import dev.omni.desktop.viewmodel.AppContext;
import dev.omni.desktop.viewmodel.DesktopPrefs;
import dev.omni.desktop.viewmodel.Dialogs;
import dev.omni.desktop.viewmodel.MainViewModel;
import dev.omni.desktop.viewmodel.Notifications;
import dev.omni.desktop.viewmodel.StoreEvents;
import dev.omni.desktop.viewmodel.Theme;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The omni desktop app: opens the omni home ({@code --home DIR}, else {@code $OMNI_HOME}, else
 * the XDG default, as the CLI does), builds the view models and the window, and closes the home
 * when the window closes.
 */
public class DesktopApp extends Application {
    private Omni omni;
    private FxTaskExecutor tasks;
    private DesktopPrefs prefs;
    private Stage stage;

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        Env env = Env.system();
        Path home = homeArgument(getParameters().getRaw());
        omni = Omni.open(env, home);
        Notifications notifications = new Notifications();
        tasks = new FxTaskExecutor(notifications::failed);
        prefs = DesktopPrefs.load(omni.home().configDir());
        AppContext app = new AppContext(omni, tasks, notifications, new Dialogs(), prefs, new AuthAccounts(omni),
                new ProcessDaemon(omni), uri -> getHostServices().showDocument(uri), new StoreEvents());
        MainViewModel vm = new MainViewModel(app);
        MainView view = new MainView(vm);
        Scene scene = new Scene(view, prefs.width, prefs.height);
        applyTheme(scene, prefs.theme, env);
        vm.account().themeProperty().addListener((o, was, now) -> applyTheme(scene, now, env));
        view.installShortcuts(scene);
        primary.setScene(scene);
        primary.titleProperty().bind(vm.titleProperty());
        primary.setMinWidth(800);
        primary.setMinHeight(560);
        if (!Double.isNaN(prefs.x) && !Double.isNaN(prefs.y)) {
            primary.setX(prefs.x);
            primary.setY(prefs.y);
        }
        primary.setMaximized(prefs.maximized);
        primary.setOnCloseRequest(e -> rememberWindow());
        primary.show();
        System.out.println(Launcher.WINDOW_SHOWN);
        System.out.flush();
        vm.start();
        started(primary, view, vm);
    }

    /** Called once the window shows and the first loads are under way. */
    protected void started(Stage primary, MainView view, MainViewModel vm) {
    }

    static void applyTheme(Scene scene, Theme theme, Env env) {
        boolean dark = theme == Theme.DARK || (theme == Theme.SYSTEM && SystemTheme.prefersDark(env));
        scene.getStylesheets().setAll(DesktopApp.class.getResource("view/omni.css").toExternalForm());
        if (dark) {
            scene.getStylesheets().add(DesktopApp.class.getResource("view/dark.css").toExternalForm());
        }
    }

    private void rememberWindow() {
        if (prefs == null || stage == null) {
            return;
        }
        prefs.maximized = stage.isMaximized();
        if (!stage.isMaximized()) {
            prefs.width = stage.getScene().getWidth();
            prefs.height = stage.getScene().getHeight();
            prefs.x = stage.getX();
            prefs.y = stage.getY();
        }
        prefs.save();
    }

    @Override
    public void stop() {
        rememberWindow();
        if (tasks != null) {
            tasks.close();
        }
        if (omni != null) {
            omni.close();
        }
        Platform.exit();
    }

    static Path homeArgument(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--home") && i + 1 < args.size()) {
                return Path.of(args.get(i + 1));
            }
            if (a.startsWith("--home=")) {
                return Path.of(a.substring("--home=".length()));
            }
        }
        return null;
    }
}
