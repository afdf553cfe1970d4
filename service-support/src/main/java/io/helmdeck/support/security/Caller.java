package io.helmdeck.support.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * A user calling the public API, as its token describes it (ADR 0013): the tenants it may use, and the roles
 * {@code admin} (every tenant, admin operations) and {@code viewer} (read only).
 */
public record Caller(String subject, Set<String> tenants, boolean admin, boolean viewer) {

    public static final String TENANTS_CLAIM = "tenants";
    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    public Caller {
        tenants = Set.copyOf(tenants);
    }

    /** The caller an authenticated identity stands for. */
    public static Caller of(SecurityIdentity identity) {
        Set<String> tenants = new LinkedHashSet<>();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            addTenants(jwt.getClaim(TENANTS_CLAIM), tenants);
        }
        return new Caller(identity.getPrincipal().getName(), tenants, identity.hasRole(ADMIN),
                identity.hasRole(VIEWER));
    }

    /** Whether the caller may see anything of {@code tenant}; if not, every answer about it is 404. */
    public boolean mayUse(String tenant) {
        return admin || tenants.contains(tenant);
    }

    /** Whether the caller may change things: a viewer only reads, even when it also holds no other role. */
    public boolean mayWrite() {
        return admin || !viewer;
    }

    private static void addTenants(Object claim, Set<String> into) {
        // The claim is a JSON array by ADR 0013; a lone string is accepted as a one-tenant list.
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString string) {
                    into.add(string.getString());
                }
            }
        } else if (claim instanceof Collection<?> values) {
            values.forEach(value -> addTenants(value, into));
        } else if (claim instanceof JsonString string) {
            into.add(string.getString());
        } else if (claim instanceof String string) {
            into.add(string);
        }
    }
}
