package io.helmdeck.support.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The list query of both user APIs: one tenant's records joined with their status, one page ordered by name and
 * starting after a name. Keyset paging keeps pages stable while records are added or removed elsewhere in the list.
 * The select names the record {@code r}; each service adds its own filters ({@link #where}).
 */
public final class NamePageQuery {

    private final StringBuilder hql;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** {@code selectJoined} ends in a condition on {@code r.tenant = :tenant}. */
    public NamePageQuery(String selectJoined, String tenant) {
        this.hql = new StringBuilder(selectJoined);
        parameters.put("tenant", tenant);
    }

    /** Only names after this one (none: from the first). */
    public NamePageQuery after(String afterName) {
        return afterName == null ? this : where("r.name > :after", "after", afterName);
    }

    /** Only names starting with this text, taken literally (none: every name). */
    public NamePageQuery namePrefix(String prefix) {
        return prefix == null ? this : where("r.name like :prefix escape '\\'", "prefix", escapeLike(prefix) + "%");
    }

    public NamePageQuery where(String condition) {
        hql.append(" and ").append(condition);
        return this;
    }

    public NamePageQuery where(String condition, String parameter, Object value) {
        parameters.put(parameter, value);
        return where(condition);
    }

    /** At most {@code limit} rows of the select, in name order. */
    public Uni<List<Object[]>> list(int limit) {
        String query = hql + " order by r.name";
        return Panache.getSession().flatMap(session -> {
            var selection = session.createSelectionQuery(query, Object[].class).setMaxResults(limit);
            parameters.forEach(selection::setParameter);
            return selection.getResultList();
        });
    }

    /** {@code value} matched literally by {@code like … escape '\'}. */
    public static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
