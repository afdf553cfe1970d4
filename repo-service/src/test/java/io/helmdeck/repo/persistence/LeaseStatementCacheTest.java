package io.helmdeck.repo.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The exchange statement runs about a hundred times a second. The reactive client keeps it prepared on its connection
 * only while its text fits the client's statement cache; past that, PostgreSQL parses and plans it on every exchange
 * (ADR 0034), which no functional test would notice.
 */
class LeaseStatementCacheTest {

    @Test
    void theExchangeStatementFitsTheClientsPreparedStatementCache() {
        assertTrue(LeaseQueries.EXCHANGE.length() <= SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT,
                "the exchange statement is " + LeaseQueries.EXCHANGE.length() + " characters, the client caches up to "
                        + SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT);
    }

    @Test
    void oneLineKeepsTheStatementAndDropsOnlyItsLayout() {
        assertEquals("SELECT a, b FROM t WHERE x = 'Ready'",
                LeaseQueries.oneLine("\n    SELECT a,\n           b\n      FROM t\n     WHERE x = 'Ready'\n"));
    }
}
