package io.helmdeck.local;

/** A reason the platform cannot start, worded for the person who ran the launcher. */
public class StartupException extends Exception {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
