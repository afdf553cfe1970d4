package io.helmdeck.sync.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the tail of repo-service's log when an end-to-end test fails: half of what happened is in that process.
 * The path travels in a system property because this extension and the Quarkus test instance live in different
 * class loaders.
 */
public class PrintRepoServiceLogOnFailure implements TestWatcher {

    static final String PROPERTY = "helmdeck.e2e.repo-service-log-file";
    private static final int LINES = 300;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String file = System.getProperty(PROPERTY);
        if (file == null) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            System.err.println("---- " + context.getDisplayName() + " failed; last " + LINES + " lines of "
                    + "repo-service's log (" + file + ") ----");
            lines.subList(Math.max(0, lines.size() - LINES), lines.size()).forEach(System.err::println);
            System.err.println("---- end of repo-service's log ----");
        } catch (IOException e) {
            System.err.println("repo-service's log could not be read: " + e);
        }
    }
}
