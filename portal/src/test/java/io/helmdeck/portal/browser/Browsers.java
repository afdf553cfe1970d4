package io.helmdeck.portal.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium, headless, driven by Playwright for Java. Playwright's own browser download cannot work here
 * (and is not wanted in CI), so the executable is given and the download is switched off.
 */
final class Browsers {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HELMDECK_CHROMIUM", "/usr/bin/chromium"));

    private Browsers() {
    }

    static Playwright playwright() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: install Debian's chromium package "
                    + "(.ci/run does when it is missing), or point HELMDECK_CHROMIUM at a Chromium");
        }
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser chromium(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-dev-shm-usage")));
    }
}
