package io.helmdeck.portal.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect sign-in in the browser, against Quarkus' WireMock stand-in for a provider (its login form, token
 * endpoint and keys): the authorization code flow runs and the app ends up signed in with the provider's access
 * token. What the APIs then make of that token is their configuration (docs/security.md), not tested here.
 */
@QuarkusTest
@TestProfile(OidcSignInTest.WithProvider.class)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class OidcSignInTest {

    /** The portal with an issuer configured, as docs/security.md says to. */
    public static class WithProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.client-id", "quarkus-web-app",
                    "quarkus.oidc.credentials.secret", "secret",
                    // The stand-in's tokens carry its own audience, not the client id.
                    "quarkus.oidc.token.audience", "any");
        }
    }

    @TestHTTPResource("/")
    URL portal;

    @Test
    void signingInWithTheOrganisationsProviderSignsTheAppInWithItsAccessToken() {
        try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.chromium(playwright)) {
            BrowserContext context = browser.newContext();
            Page page = context.newPage();
            page.setDefaultTimeout(30_000);
            page.navigate(portal.toString());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with your organisation")
                    .setExact(true)).click();
            page.locator("#username").fill("alice");
            page.locator("#password").fill("alice");
            page.locator("#login").click();
            // Back in the app, signed in: the provider's token says admin (all tenants), user alice.
            assertThat(page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("OCI Repository")
                    .setExact(true))).hasAttribute("aria-selected", "true");
            assertThat(page.locator(".role")).hasText("admin");
            assertThat(page.locator(".role")).hasAttribute("title", "alice");
            context.close();
        }
    }
}
