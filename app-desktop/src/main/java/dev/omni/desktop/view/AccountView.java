package dev.omni.desktop.view;

import dev.omni.desktop.viewmodel.AccountViewModel;
import dev.omni.desktop.viewmodel.AccountViewModel.LoginState;
import dev.omni.desktop.viewmodel.QrCode;
import dev.omni.desktop.viewmodel.Theme;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/** Login with the device code and its QR code, logout, and the settings. */
final class AccountView extends ScrollPane {
    AccountView(AccountViewModel vm) {
        getStyleClass().add("screen");
        setFitToWidth(true);
        Label status = Ui.id(Ui.label("", "account-status"), "accountStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        TextField server = Ui.id(new TextField(), "serverField");
        server.setPromptText("https://omni.example.org");
        server.textProperty().bindBidirectional(vm.serverProperty());
        server.setPrefColumnCount(32);
        Button login = Ui.id(Ui.button("Log in", "Start the device login (Ctrl+L)", vm::login), "loginButton");
        Button cancel = Ui.button("Cancel", null, vm::cancelLogin);
        Button logout = Ui.id(Ui.button("Log out", "Revoke the token and forget it here", vm::logout), "logoutButton");
        login.visibleProperty().bind(vm.stateProperty().isEqualTo(LoginState.LOGGED_OUT));
        login.managedProperty().bind(login.visibleProperty());
        cancel.visibleProperty().bind(vm.stateProperty().isEqualTo(LoginState.WAITING));
        cancel.managedProperty().bind(cancel.visibleProperty());
        logout.visibleProperty().bind(vm.stateProperty().isEqualTo(LoginState.LOGGED_IN));
        logout.managedProperty().bind(logout.visibleProperty());

        Label code = Ui.id(Ui.label("", "user-code"), "userCode");
        code.textProperty().bind(vm.userCodeProperty());
        Hyperlink link = new Hyperlink();
        link.textProperty().bind(vm.verificationUriProperty());
        link.setOnAction(e -> vm.openBrowser());
        Canvas qr = Ui.id(new Canvas(200, 200), "qrCode");
        vm.qrProperty().addListener((o, was, now) -> paint(qr, now));
        VBox codeText = new VBox(10, Ui.label("Your one-time code", "field-label"), code,
                Ui.label("Enter it at", "field-label"), link,
                Ui.button("Open the browser", "Open the approval page with the code filled in", vm::openBrowser),
                Ui.label("…or scan the QR code with your phone.", "hint"));
        HBox codeBox = new HBox(24, codeText, qr);
        codeBox.getStyleClass().addAll("pane", "code-box");
        codeBox.visibleProperty().bind(vm.userCodeProperty().isNotEmpty());
        codeBox.managedProperty().bind(codeBox.visibleProperty());

        VBox loginBox = new VBox(12, Ui.label("Account", "section-title"), status,
                Ui.toolbar(Ui.label("Server", "field-label"), server, login, cancel, logout), codeBox);
        loginBox.getStyleClass().add("pane");

        TextField quiet = Ui.id(new TextField(), "quietField");
        quiet.textProperty().bindBidirectional(vm.quietMsProperty());
        quiet.setPrefColumnCount(8);
        CheckBox daemon = Ui.id(new CheckBox("Run the background daemon"), "daemonToggle");
        daemon.selectedProperty().bindBidirectional(vm.daemonOnProperty());
        daemon.disableProperty().bind(vm.busyProperty());
        Label daemonText = Ui.label("", "hint");
        daemonText.setWrapText(true);
        daemonText.textProperty().bind(vm.daemonTextProperty());
        ChoiceBox<Theme> theme = Ui.id(new ChoiceBox<>(), "themeChoice");
        theme.getItems().setAll(Theme.values());
        theme.valueProperty().bindBidirectional(vm.themeProperty());
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        grid.addRow(0, Ui.label("Server URL", "field-label"), Ui.label("(the field above; saved with the settings)", "hint"));
        grid.addRow(1, Ui.label("Snapshot quiet period", "field-label"),
                new HBox(6, quiet, Ui.label("ms without changes before the daemon snapshots a workspace", "hint")));
        grid.addRow(2, Ui.label("Daemon", "field-label"), new VBox(4, daemon, daemonText));
        grid.addRow(3, Ui.label("Appearance", "field-label"), theme);
        VBox settings = new VBox(12, Ui.label("Settings", "section-title"), grid,
                Ui.toolbar(Ui.id(Ui.button("Save settings", "Write config.toml", vm::saveSettings), "saveSettings")));
        settings.getStyleClass().add("pane");
        VBox all = new VBox(16, loginBox, settings);
        all.getStyleClass().add("account");
        setContent(all);
    }

    private static void paint(Canvas c, QrCode q) {
        GraphicsContext g = c.getGraphicsContext2D();
        g.clearRect(0, 0, c.getWidth(), c.getHeight());
        if (q == null) {
            return;
        }
        double cell = Math.floor(c.getWidth() / q.size());
        double offset = (c.getWidth() - cell * q.size()) / 2;
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, c.getWidth(), c.getHeight());
        g.setFill(Color.BLACK);
        for (int y = 0; y < q.size(); y++) {
            for (int x = 0; x < q.size(); x++) {
                if (q.dark(x, y)) {
                    g.fillRect(offset + x * cell, offset + y * cell, cell, cell);
                }
            }
        }
    }
}
