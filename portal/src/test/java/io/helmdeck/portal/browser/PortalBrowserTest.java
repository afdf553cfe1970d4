package io.helmdeck.portal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.helmdeck.portal.stack.PortalStack;
import io.helmdeck.portal.stack.StackTokens;
import io.helmdeck.portal.stack.StackCharts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.assertj.core.api.Assertions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portal in a real headless Chromium against the real services (registry, repo-service, sync-worker,
 * release-service as packaged jars) and the fabric8 mock API server as the cluster: what a user clicks, reads and
 * waits for. The screenshots in docs/images are taken here.
 */
@QuarkusTest
@WithTestResource(value = PortalStack.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PortalBrowserTest {

    static final LocatorAssertions.ContainsTextOptions SLOW = new LocatorAssertions.ContainsTextOptions().setTimeout(90_000);
    static final String SEED_NOTE = "Releases deployed from it are not removed, but they stop reconciling until it is re-added.";

    static Playwright playwright;
    static Browser browser;

    @TestHTTPResource("/")
    URL portal;

    BrowserContext context;
    Page page;

    @BeforeAll
    static void launch() {
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
    }

    @AfterAll
    static void shutDown() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
        page = context.newPage();
        page.setDefaultTimeout(20_000);
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    /** The scenario from sign-in to deleting the repository, through the UI only. */
    @Test
    void anEditorAddsARepositoryDeploysUpgradesRollsBackUninstallsAndDeletesIt() throws Exception {
        String registry = config(PortalStack.REGISTRY_KEY);
        StackCharts.push("demo", "0.1.0", registry);
        StackCharts.push("demo", "0.2.0", registry);
        signIn(StackTokens.editor("e2e", "other"));
        assertThat(page.getByLabel("Tenant")).hasValue("e2e");
        assertThat(page.locator("hd-repositories .empty")).containsText("No OCI repositories in e2e yet");

        // Add pane: the seed's labels, placeholders and defaults.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true)).click();
        Locator pane = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Add OCI repository").setExact(true));
        assertThat(pane).isVisible();
        assertThat(pane.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true))).hasAttribute("required", "");
        assertThat(pane.getByLabel("Interval (MM:SS)")).hasValue("05:00");
        assertThat(pane.getByLabel("Repository URL")).hasAttribute("placeholder", "oci://registry-1.docker.io/bitnamicharts/nginx");
        assertThat(pane.getByLabel("Tag", new Locator.GetByLabelOptions().setExact(true))).hasAttribute("placeholder", "18.9.0");
        assertThat(pane.getByLabel("Media Type")).hasValue("application/vnd.cncf.helm.chart.content.v1.tar+gzip");
        assertThat(pane.getByLabel("Operation")).hasValue("extract");
        assertEveryControlIsNamed();
        pane.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("demo");
        pane.getByLabel("Interval (MM:SS)").fill("00:10");
        pane.getByLabel("Repository URL").fill("oci://" + registry + "/charts/demo");
        pane.getByLabel("Tag", new Locator.GetByLabelOptions().setExact(true)).fill("0.1.0");
        pane.getByLabel("Insecure (plain HTTP)").check();
        pane.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test").setExact(true)).click();
        assertThat(pane.locator(".test-result")).containsText(Pattern.compile(
                "Test passed: a sync would store 0\\.1\\.0@sha256:[0-9a-f]{64} \\(chart demo 0\\.1\\.0\\)"), SLOW);
        screenshot("portal-add-pane.png");
        pane.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create").setExact(true)).click();
        assertThat(pane).isHidden();

        // It turns Ready with its chart, without a reload.
        Locator row = page.locator("hd-repositories tr[data-name=demo]");
        assertThat(row.locator(".badge")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(90_000));
        assertThat(row).containsText("0.1.0@sha256:");
        assertThat(row).containsText("oci://" + registry + "/charts/demo");
        screenshot("portal-oci-repositories.png");

        // The row menu works from the keyboard; View shows chart metadata and the tags, newest first.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Actions for demo").setExact(true)).focus();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("View").setExact(true))).isFocused();
        page.keyboard().press("Enter");
        Locator view = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("demo").setExact(true));
        assertThat(view).containsText("demo, a chart made for the portal tests");
        assertThat(view.getByAltText("Icon of demo")).isVisible();
        assertThat(view.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Tags").setExact(true)).getByRole(AriaRole.LISTITEM))
                .hasText(new String[] {"0.2.0", "0.1.0"}, new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(view).containsText("Updated");
        page.keyboard().press("Escape");
        assertThat(view).isHidden();

        // An operator lets tenant e2e deploy into "apps" too (its cluster policy; by default only its own namespace).
        api("PUT", "/api/v1/tenants/e2e/cluster-policy", StackTokens.admin(), "{\"namespaces\":[\"e2e\",\"apps\"]}");

        // Release tab: deploy from the repository; the values are checked against the chart's schema first.
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Release").setExact(true)).click();
        assertThat(page.locator("hd-releases .empty")).containsText("No releases in e2e yet");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy").setExact(true)).click();
        Locator deploy = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Deploy a release").setExact(true));
        assertThat(deploy.getByLabel("Source Type")).hasValue("OCIRepository");
        assertThat(deploy.getByLabel("Source Name")).hasValue("demo");
        deploy.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("demo-app");
        deploy.getByLabel("Namespace", new Locator.GetByLabelOptions().setExact(true)).fill("apps");
        deploy.getByLabel("Create the namespace if missing").check();
        deploy.getByLabel("Values (YAML)").fill("replicaCount: 0\n");
        Locator check = deploy.locator("#rel-values-check");
        assertThat(check).containsText("values.replicaCount");
        assertThat(check).containsText("minimum");
        deploy.getByLabel("Values (YAML)").fill("replicaCount: 2\n");
        assertThat(check).containsText("Values are valid. Checked against the chart's values.schema.json.");
        screenshot("portal-deploy-pane.png");
        deploy.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Deploy").setExact(true)).click();
        assertThat(deploy).isHidden();
        Locator release = page.locator("hd-releases tr[data-name=demo-app]");
        assertThat(release.locator(".badge")).hasText("Deployed", new LocatorAssertions.HasTextOptions().setTimeout(90_000));
        // The notice follows the deploy to its end instead of saying "Deploying" of a deployed release.
        assertThat(page.locator("hd-releases .notice")).containsText("demo-app deployed: revision 1 is ready.", SLOW);
        assertThat(release).containsText("0.1.0");
        assertThat(release).containsText("apps");
        screenshot("portal-releases.png");
        try (KubernetesClient kube = kube()) {
            Assertions.assertThat(replicas(kube)).isEqualTo(2);

            // Upgrade with new values: revision 2.
            openRelease("demo-app").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Upgrade").setExact(true)).click();
            Locator upgrade = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Upgrade demo-app").setExact(true));
            assertThat(upgrade.getByLabel("Values (YAML)")).hasValue("replicaCount: 2\n");
            upgrade.getByLabel("Values (YAML)").fill("replicaCount: 3\n");
            assertThat(upgrade.locator("#rel-values-check")).containsText("Values are valid.");
            upgrade.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Upgrade").setExact(true)).click();
            assertThat(upgrade).isHidden();
            assertThat(page.locator("hd-releases .notice")).containsText("demo-app upgraded: revision 2 is ready.", SLOW);
            Locator releaseView = openRelease("demo-app");
            assertThat(releaseView.locator("tr[data-revision='2']")).containsText("upgrade", SLOW);
            assertThat(releaseView.locator("tr[data-revision='2']")).containsText("deployed", SLOW);
            Assertions.assertThat(replicas(kube)).isEqualTo(3);
            assertThat(releaseView).containsText("Deployment");

            // A revision's values and manifest; then roll back to revision 1: revision 3 with 2 replicas again.
            releaseView.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Values of revision 1").setExact(true)).click();
            assertThat(releaseView.locator("pre.code")).containsText("replicaCount: 2");
            releaseView.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Manifest of revision 1").setExact(true)).click();
            assertThat(releaseView.locator("pre.code")).containsText("kind: Deployment");
            releaseView.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show what the next upgrade would change").setExact(true)).click();
            assertThat(releaseView.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Diff").setExact(true)))
                    .containsText("0 added", SLOW);
            releaseView.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rollback to revision 1").setExact(true)).click();
            assertThat(releaseView.locator("tr[data-revision='3']")).containsText("rollback", SLOW);
            assertThat(releaseView.locator("tr[data-revision='3']")).containsText("deployed", SLOW);
            Assertions.assertThat(replicas(kube)).isEqualTo(2);

            // Reconcile now shows progress; Suspend and Resume flip the release's suspend flag.
            releaseView.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reconcile now").setExact(true)).click();
            assertThat(page.locator("hd-releases .notice")).containsText("Reconciling demo-app");
            releaseView.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Suspend").setExact(true)).click();
            assertThat(releaseView.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Resume").setExact(true))).isVisible();
            Assertions.assertThat(api("GET", "/api/v1/tenants/e2e/helm-releases/demo-app", StackTokens.editor("e2e"), null))
                    .contains("\"suspend\":true");
            releaseView.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Resume").setExact(true)).click();
            assertThat(releaseView.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Suspend").setExact(true))).isVisible();

            // Uninstall after a confirmation: the objects go, then the row.
            releaseView.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Uninstall").setExact(true)).click();
            Locator confirm = page.getByRole(AriaRole.ALERTDIALOG, new Page.GetByRoleOptions().setName("Uninstall demo-app?").setExact(true));
            confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Uninstall").setExact(true)).click();
            assertThat(release).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(90_000));
            Assertions.assertThat(kube.apps().deployments().inNamespace("apps").withName("demo-app").get()).isNull();
        }

        // Delete the repository: the confirmation repeats the seed's note.
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("OCI Repository").setExact(true)).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Actions for demo").setExact(true)).click();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Delete").setExact(true)).click();
        Locator delete = page.getByRole(AriaRole.ALERTDIALOG, new Page.GetByRoleOptions().setName("Delete OCI repository demo?").setExact(true));
        assertThat(delete).containsText(SEED_NOTE);
        delete.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
        assertThat(page.locator("hd-repositories .empty")).containsText("No OCI repositories in e2e yet");
    }

    /** The API's 422 violations appear next to the fields they name, for Test and for Create. */
    @Test
    void validationErrorsAppearBesideTheirFields() {
        signIn(StackTokens.editor("checks"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true)).click();
        Locator pane = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Add OCI repository").setExact(true));
        pane.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Not_A_Name");
        pane.getByLabel("Interval (MM:SS)").fill("99:99");
        pane.getByLabel("Repository URL").fill("https://example.com/charts/nginx");
        pane.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create").setExact(true)).click();
        for (String field : List.of("name", "interval", "url")) {
            Locator input = pane.locator("#repo-" + field);
            Locator error = pane.locator("#repo-" + field + "-error");
            assertThat(error).isVisible();
            assertThat(error).not().isEmpty();
            assertThat(input).hasAttribute("aria-invalid", "true");
            // Beside the field: in the same field group, right under the input.
            Assertions.assertThat(error.evaluate("(e, i) => e.parentElement === document.querySelector(i).parentElement",
                    "#repo-" + field)).isEqualTo(true);
        }
        assertThat(pane.locator("#repo-name")).isFocused();
        pane.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test").setExact(true)).click();
        assertThat(pane.locator(".test-result")).containsText("Fix the highlighted fields");
        assertThat(page.locator("hd-repositories .empty")).containsText("No OCI repositories in checks yet");

        // At phone width the pane and the page fit the screen.
        page.setViewportSize(390, 800);
        Assertions.assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        Assertions.assertThat(pane.boundingBox().width).isLessThanOrEqualTo(390);
    }

    /** A read-only token: the data is there, write actions are not. */
    @Test
    void aViewerSeesNoWriteActions() throws Exception {
        api("POST", "/api/v1/tenants/readers/oci-repositories", StackTokens.editor("readers"),
                "{\"name\":\"seen\",\"url\":\"oci://" + config(PortalStack.REGISTRY_KEY) + "/charts/none\",\"insecure\":true}");
        signIn(StackTokens.viewer("readers"));
        assertThat(page.locator(".role")).hasText("viewer");
        Locator row = page.locator("hd-repositories tr[data-name=seen]");
        assertThat(row).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true))).hasCount(0);
        assertThat(row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sync seen now").setExact(true))).hasCount(0);
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Actions for seen").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.MENUITEM)).hasText(new String[] {"View"});
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("View").setExact(true)).click();
        Locator view = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("seen").setExact(true));
        assertThat(view).containsText("Configuration");
        for (String write : List.of("Sync now", "Update", "Delete")) {
            assertThat(view.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(write))).hasCount(0);
        }
        page.keyboard().press("Escape");
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Release").setExact(true)).click();
        assertThat(page.locator("hd-releases .empty")).containsText("read-only", SLOW);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy").setExact(true))).hasCount(0);
    }

    /** Someone saves between opening Update and saving: the user is told what changed and keeps their edit. */
    @Test
    void aStaleUpdateIsExplainedAndTheEditIsKept() throws Exception {
        String token = StackTokens.editor("edits");
        String url = "oci://" + config(PortalStack.REGISTRY_KEY) + "/charts/stale";
        api("POST", "/api/v1/tenants/edits/oci-repositories", token,
                "{\"name\":\"stale\",\"url\":\"" + url + "\",\"insecure\":true,\"suspend\":true}");
        signIn(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Actions for stale").setExact(true)).click();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Update").setExact(true)).click();
        Locator pane = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Update stale").setExact(true));
        pane.getByLabel("Interval (MM:SS)").fill("02:00");
        api("PATCH", "/api/v1/tenants/edits/oci-repositories/stale", token, "{\"description\":\"changed elsewhere\"}");
        pane.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
        Locator stale = pane.locator("#repo-stale");
        assertThat(stale).containsText("Someone else saved stale after you opened it");
        assertThat(stale).containsText("description: (empty) → changed elsewhere");
        assertThat(pane.getByLabel("Interval (MM:SS)")).hasValue("02:00");
        pane.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(pane).isHidden();
        String saved = api("GET", "/api/v1/tenants/edits/oci-repositories/stale", token, null);
        Assertions.assertThat(saved).contains("\"interval\":\"02:00\"");
    }

    private void signIn(String token) {
        page.navigate(portal.toString());
        page.getByLabel("Access token").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("OCI Repository").setExact(true)))
                .hasAttribute("aria-selected", "true");
    }

    private Locator openRelease(String name) {
        Locator view = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(name).setExact(true));
        if (!view.isVisible()) {
            page.locator("hd-releases tr[data-name=" + name + "]").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("View " + name).setExact(true)).click();
        }
        assertThat(view).isVisible();
        return view;
    }

    /** Every button, field and select on the page has an accessible name. */
    private void assertEveryControlIsNamed() {
        Object unnamed = page.evaluate("""
                () => [...document.querySelectorAll('button, input, select, textarea')]
                  .filter(e => e.offsetParent !== null || e.closest('dialog[open]'))
                  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                    && !e.getAttribute('aria-labelledby') && !e.textContent.trim())
                  .map(e => e.outerHTML.slice(0, 80))""");
        Assertions.assertThat((List<?>) unnamed).isEmpty();
    }

    private void screenshot(String name) throws Exception {
        String dir = System.getProperty("portal-test.screenshots");
        if (dir != null) {
            Path target = Path.of(dir).resolve(name);
            Files.createDirectories(target.getParent());
            page.screenshot(new Page.ScreenshotOptions().setPath(target));
        }
    }

    private static KubernetesClient kube() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(config(PortalStack.KUBE_KEY)).withOauthToken("mock").build()).build();
    }

    private static int replicas(KubernetesClient kube) throws InterruptedException {
        Deployment deployment = kube.apps().deployments().inNamespace("apps").withName("demo-app").get();
        Assertions.assertThat(deployment).as("Deployment apps/demo-app").isNotNull();
        return deployment.getSpec().getReplicas();
    }

    /** A call to the API through the portal, as a script would make it. */
    private String api(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(portal.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "PATCH".equals(method) ? "application/merge-patch+json" : "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        Assertions.assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isBetween(200, 299);
        return answer.body();
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
