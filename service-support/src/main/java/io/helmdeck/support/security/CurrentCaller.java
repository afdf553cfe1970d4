package io.helmdeck.support.security;

import jakarta.enterprise.context.RequestScoped;

/** The user of the current public API request, set once its token has been checked. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    /** Set by {@link UserAccessFilter} once the token is checked. */
    void set(Caller caller) {
        this.caller = caller;
    }

    /** The checked caller; fails when asked outside a public API request, which would be a bug. */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return caller;
    }
}
