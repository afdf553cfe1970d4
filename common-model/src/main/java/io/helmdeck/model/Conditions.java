package io.helmdeck.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;


/** Condition list edits with Kubernetes semantics: the transition time moves only when the status changes. */
public final class Conditions {

    private Conditions() {
    }

    public static List<Condition> set(List<Condition> current, String type, String status, String reason,
            String message, Instant now) {
        List<Condition> next = new ArrayList<>();
        Instant since = now;
        for (Condition c : current) {
            if (c.type().equals(type)) {
                if (c.status().equals(status) && c.lastTransitionTime() != null) {
                    since = c.lastTransitionTime();
                }
            } else {
                next.add(c);
            }
        }
        next.add(0, new Condition(type, status, reason, message, since));
        return next;
    }
}
