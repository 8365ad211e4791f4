package dev.omni.core.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The git branch and HEAD commit of the work tree around a workspace, read with JGit. */
public record GitInfo(String branch, String commit) {
    /** Null when {@code root} is not inside a git work tree or git's data cannot be read. */
    public static GitInfo read(Path root) {
        Path gitDir = null;
        for (Path p = root; p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p.resolve(".git"))) {
                gitDir = p.resolve(".git");
                break;
            }
        }
        if (gitDir == null) {
            return null;
        }
        try (Repository repo = new FileRepositoryBuilder().setGitDir(java.nio.file.Files.isDirectory(gitDir) ? gitDir.toFile() : null)
                .setWorkTree(gitDir.getParent().toFile()).readEnvironment().setMustExist(true).build()) {
            Ref head = repo.exactRef(Constants.HEAD);
            if (head == null) {
                return null;
            }
            String branch = head.isSymbolic() ? Repository.shortenRefName(head.getTarget().getName()) : null;
            ObjectId commit = head.getObjectId();
            return new GitInfo(branch, commit == null ? null : commit.name());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
