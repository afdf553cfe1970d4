package io.helmdeck.support.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The services that may call an internal endpoint (the table of ADR 0013), by {@link ServiceNames name}. On a method
 * or its class; an internal endpoint without it answers 403 to every service.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowedServices {

    String[] value();
}
