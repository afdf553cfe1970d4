package io.helmdeck.support.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import io.helmdeck.model.ProblemException;
import io.helmdeck.support.config.ApiLimits;

/**
 * Keyset paging of the list endpoints: the page size, the opaque cursor (the last name of the previous page) and the
 * name prefix, checked so that a bad value is a 400 and never reaches the query.
 */
public final class Paging {

    private static final String BAD_CURSOR = "cursor is not one this API returned";

    private Paging() {
    }

    /** Where a page starts: after the name {@code after}, among names starting with {@code prefix} (both optional). */
    public record Keyset(String after, String prefix) {
    }

    /** One page of rows and the cursor of the next, null on the last page. */
    public record Page<T>(List<T> items, String next) {
    }

    /** The page size: {@code limit}, or the default; 400 outside 1..max. */
    public static int size(ApiLimits api, Integer limit) {
        int size = limit == null ? api.defaultPageSize() : limit;
        if (size < 1 || size > api.maxPageSize()) {
            throw ProblemException.badRequest("limit must be between 1 and " + api.maxPageSize());
        }
        return size;
    }

    /** The decoded cursor and the prefix {@code q}, empty values meaning absent. */
    public static Keyset keyset(String cursor, String namePrefix) {
        String after = cursor == null || cursor.isEmpty() ? null : decode(cursor);
        String prefix = namePrefix == null || namePrefix.isEmpty() ? null : namePrefix;
        // PostgreSQL cannot compare with text holding NUL: a 400 here, not a 500 from the query.
        if (prefix != null && prefix.indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("q must not contain NUL characters");
        }
        if (after != null && after.indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest(BAD_CURSOR);
        }
        return new Keyset(after, prefix);
    }

    /** The page of {@code rows}, fetched with one row more than {@code size} to learn whether another page follows. */
    public static <T> Page<T> page(List<T> rows, int size, Function<T, String> name) {
        boolean more = rows.size() > size;
        List<T> page = more ? rows.subList(0, size) : rows;
        return new Page<>(page, more ? encode(name.apply(page.get(page.size() - 1))) : null);
    }

    private static String encode(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(BAD_CURSOR);
        }
    }
}
