package dev.omni.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.desktop.TestApp;
import dev.omni.desktop.task.FxTaskExecutor;
import dev.omni.desktop.viewmodel.DiffModel;
import dev.omni.desktop.viewmodel.MainViewModel;
import dev.omni.desktop.viewmodel.Screen;
import dev.omni.desktop.viewmodel.SnapshotRow;
import dev.omni.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main flows through the real window, headless (Monocle): open a project, browse snapshots,
 * open a diff, restore a file, search memory, open a conversation — on a seeded demo home, with
 * the FX task executor doing the work off the FX thread.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopFlowTest {
    @TempDir
    Path dir;
    TestApp t;
    MainViewModel vm;

    @Start
    void start(Stage stage) {
        t = TestApp.with(dir, n -> new FxTaskExecutor(n::failed));
        vm = new MainViewModel(t.app);
        MainView view = new MainView(vm);
        Scene scene = new Scene(view, 1280, 800);
        scene.getStylesheets().add(MainView.class.getResource("omni.css").toExternalForm());
        view.installShortcuts(scene);
        stage.setScene(scene);
        stage.show();
        vm.start();
    }

    @AfterEach
    void tearDown() {
        if (t != null) {
            t.close();
        }
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        Wait.until("the window to show it", Duration.ofSeconds(20), condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void idle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        waitFor(() -> !t.app.tasks().status().busyProperty().get());
    }

    @Test
    void openAProjectBrowseItsSnapshotsAndOpenADiff(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#workspaceTable").queryListView().getItems().size() == 2);
        robot.clickOn("field-notes");
        waitFor(() -> robot.lookup("#workspaceTable").queryListView().getItems().size() == 1);
        robot.clickOn("webshop");
        waitFor(() -> robot.lookup("#workspaceTable").queryListView().getItems().size() == 2);

        robot.clickOn("#nav-history");
        ListView<SnapshotRow> timeline = robot.lookup("#timeline").queryListView();
        waitFor(() -> timeline.getItems().size() == 6);
        robot.clickOn("cart: discounts");
        idle();
        ListView<Object> changes = robot.lookup("#changeList").queryListView();
        assertThat(changes.getItems()).hasSize(1);
        ListView<Object> rows = robot.lookup("#diffView .diff-rows").queryListView();
        waitFor(() -> !rows.getItems().isEmpty());
        assertThat(rows.getItems().get(0)).isInstanceOf(DiffModel.SplitRow.class);

        robot.clickOn("#unifiedToggle");
        waitFor(() -> rows.getItems().get(0) instanceof DiffModel.UnifiedRow);
        assertThat(robot.lookup(".line-removed").tryQuery()).isPresent();
    }

    @Test
    void restoreAFileAfterTheConfirmation(FxRobot robot) throws Exception {
        Path cart = t.seeded.main().localPath().resolve("src/cart.py");
        waitFor(() -> robot.lookup("#workspaceTable").queryListView().getItems().size() == 2);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        waitFor(() -> vm.screenProperty().get() == Screen.HISTORY);
        waitFor(() -> robot.lookup("#timeline").queryListView().getItems().size() == 6);
        robot.clickOn("initial import");
        idle();
        robot.clickOn("src/cart.py");
        idle();
        robot.clickOn("#restoreFile");
        waitFor(() -> robot.lookup("#sheetConfirm").tryQuery().isPresent());
        assertThat(robot.lookup(".sheet-text").queryAs(Label.class).getText()).contains("safety snapshot");
        assertThat(Files.readString(cart)).contains("discount");

        robot.clickOn("#sheetConfirm");
        waitFor(() -> t.notice() != null && t.notice().startsWith("Restored"));
        assertThat(Files.readString(cart)).contains("self.items = []");
        assertThat(robot.lookup("#notice").queryAs(Label.class).getText()).contains("safety snapshot");
    }

    @Test
    void searchMemoryAsYouType(FxRobot robot) throws Exception {
        robot.clickOn("#nav-memory");
        ListView<Object> results = robot.lookup("#memoryResults").queryListView();
        waitFor(() -> results.getItems().size() == 10);
        robot.clickOn("#memorySearch").write("hosted");
        waitFor(() -> results.getItems().size() == 1);
        assertThat(robot.lookup("#memoryResults .snippet-hit").tryQuery()).isPresent();
        // The list's cells are laid out a pulse after its items change: click the snippet once it shows.
        waitFor(() -> shownSnippet(robot) != null);
        robot.clickOn(shownSnippet(robot));
        waitFor(() -> robot.lookup("#memoryContent").queryTextInputControl().getText().startsWith("Payments go through"));
    }

    private static Node shownSnippet(FxRobot robot) {
        return robot.lookup(".memory-snippet").queryAll().stream().filter(n -> n.getScene() != null && n.isVisible())
                .findFirst().orElse(null);
    }

    @Test
    void openAConversationWithToolCallsCollapsed(FxRobot robot) throws Exception {
        robot.clickOn("#nav-conversations");
        ListView<Object> list = robot.lookup("#conversationList").queryListView();
        waitFor(() -> list.getItems().size() == 1);
        robot.clickOn("#conversationList .snapshot-message");
        ListView<Object> transcript = robot.lookup("#transcript").queryListView();
        waitFor(() -> transcript.getItems().size() == 9);
        waitFor(() -> robot.lookup(".tool-pane").tryQuery().isPresent());
        TitledPane tool = robot.lookup(".tool-pane").queryAs(TitledPane.class);
        assertThat(tool.isExpanded()).isFalse();
        assertThat(tool.getText()).startsWith("Tool call:");
        Node user = robot.lookup(".role-user").query();
        assertThat(((Label) user).getText()).isEqualTo("You");
    }

    @Test
    void errorsShowAsAMessageInTheWindow(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#workspaceTable").queryListView().getItems().size() == 2);
        robot.clickOn("checkout");
        robot.clickOn("Rename…");
        waitFor(() -> robot.lookup("#sheetField").tryQuery().isPresent());
        robot.doubleClickOn("#sheetField").eraseText(20).write("main");
        robot.clickOn("#sheetConfirm");
        waitFor(() -> t.notice() != null);
        assertThat(robot.lookup("#notice").queryAs(Label.class).getText()).isEqualTo("this project already has a workspace named 'main'");
    }
}
