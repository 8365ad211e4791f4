package dev.omni.desktop.demo;

import dev.omni.desktop.DesktopApp;
import dev.omni.desktop.view.MainView;
import dev.omni.desktop.viewmodel.MainViewModel;
import dev.omni.desktop.viewmodel.Screen;
import dev.omni.desktop.viewmodel.Theme;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The real app on a demo home, driven through its view models screen by screen; each screen's
 * scene is saved as a PNG (for the README). Run under Xvfb:
 * {@code ScreenshotTour --home HOME --shots DIR [--login]}.
 */
public final class ScreenshotTour extends DesktopApp {
    private Path shots;
    private MainView view;
    private MainViewModel vm;
    private Stage stage;

    public static void main(String[] args) {
        Application.launch(ScreenshotTour.class, args);
    }

    @Override
    protected void started(Stage primary, MainView v, MainViewModel model) {
        this.view = v;
        this.vm = model;
        this.stage = primary;
        var raw = getParameters().getRaw();
        shots = Path.of(raw.get(raw.indexOf("--shots") + 1));
        boolean login = raw.contains("--login");
        Thread t = new Thread(() -> {
            int code = 0;
            try {
                tour(login);
            } catch (Exception | Error e) {
                e.printStackTrace();
                code = 1;
            }
            int exit = code;
            Platform.runLater(() -> {
                primary.close();
                Platform.exit();
                System.exit(exit);
            });
        }, "screenshot-tour");
        t.setDaemon(true);
        t.start();
    }

    private void tour(boolean login) throws Exception {
        idle();
        fx(m -> m.account().themeProperty().set(Theme.LIGHT));
        fx(m -> m.show(Screen.PROJECTS));
        shot("projects");

        fx(m -> {
            m.show(Screen.HISTORY);
            m.history().select("cart: discounts");
        });
        shot("history-diff");
        fx(m -> {
            m.history().modeProperty().set(dev.omni.desktop.viewmodel.HistoryViewModel.DiffMode.UNIFIED);
            m.history().select("cart: discounts");
            m.history().compareWithWorkingCopy();
        });
        shot("diff-working-copy-unified");
        fx(m -> m.history().modeProperty().set(dev.omni.desktop.viewmodel.HistoryViewModel.DiffMode.SIDE_BY_SIDE));
        fx(m -> {
            view.showFilesTab();
            m.history().select("initial import");
        });
        idle();
        fx(m -> selectFile("src/cart.py"));
        shot("files");
        fx(m -> m.history().restoreFile("src/cart.py"));
        shot("restore-confirm");
        fx(m -> m.app().dialogs().dismiss());

        fx(m -> m.show(Screen.DRIFT));
        shot("drift");

        fx(m -> m.show(Screen.MEMORY));
        shot("memory");
        fx(m -> m.show(Screen.NEXT_STEPS));
        shot("next-steps");
        fx(m -> {
            m.show(Screen.CONVERSATIONS);
            m.conversations().openFirst();
        });
        shot("conversation");

        fx(m -> m.show(Screen.ACCOUNT));
        if (login) {
            fx(m -> m.account().login());
            waitFor(() -> !vm.account().userCodeProperty().get().isEmpty(), 30);
        }
        shot("login");
        if (login) {
            fx(m -> m.account().cancelLogin());
        }

        fx(m -> {
            m.account().themeProperty().set(Theme.DARK);
            view.showChangesTab();
            m.history().select("cart: discounts");
        });
        shot("history-dark");
        fx(m -> m.account().themeProperty().set(Theme.SYSTEM));
    }

    private void selectFile(String path) {
        var files = vm.history().filesProperty().get();
        if (files != null) {
            var n = files.find(path);
            view.revealFile(n);
        }
    }

    private void fx(Consumer<MainViewModel> step) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                step.accept(vm);
                f.complete(null);
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        f.get(30, TimeUnit.SECONDS);
    }

    /** Waits until no task runs (twice in a row, so that follow-up tasks have started), then lets the layout settle. */
    private void idle() throws Exception {
        int quiet = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (quiet < 3 && System.nanoTime() < end) {
            CompletableFuture<Boolean> busy = new CompletableFuture<>();
            Platform.runLater(() -> busy.complete(vm.app().tasks().status().busyProperty().get()));
            quiet = busy.get(10, TimeUnit.SECONDS) ? 0 : quiet + 1;
            Thread.sleep(150);
        }
        Thread.sleep(400);
    }

    private void waitFor(java.util.function.BooleanSupplier cond, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            CompletableFuture<Boolean> ok = new CompletableFuture<>();
            Platform.runLater(() -> ok.complete(cond.getAsBoolean()));
            if (ok.get(10, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out waiting");
    }

    private void shot(String name) throws Exception {
        idle();
        CompletableFuture<WritableImage> img = new CompletableFuture<>();
        Platform.runLater(() -> img.complete(stage.getScene().snapshot(null)));
        WritableImage w = img.get(30, TimeUnit.SECONDS);
        Files.createDirectories(shots);
        write(w, shots.resolve(name + ".png"));
        System.out.println("wrote " + shots.resolve(name + ".png"));
    }

    private static void write(WritableImage w, Path file) throws IOException {
        int width = (int) w.getWidth();
        int height = (int) w.getHeight();
        BufferedImage b = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader r = w.getPixelReader();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            r.getPixels(0, y, width, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, width);
            b.setRGB(0, y, width, 1, row, 0, width);
        }
        ImageIO.write(b, "png", file.toFile());
    }
}
