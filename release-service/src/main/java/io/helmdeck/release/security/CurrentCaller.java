package io.helmdeck.release.security;

import jakarta.enterprise.context.RequestScoped;

/** The user of the current public API request, set once its token has been checked. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

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
