package io.dialgate.tenant;

import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/** Where a tenant's Genesys Cloud org lives and the OAuth client dialgate uses for it. */
public interface GenesysConfig {

    /** The org's AWS region, e.g. {@code us-east-1}, {@code eu-west-1}; mapped to the API and login hosts. */
    Optional<String> region();

    /** Platform API base URL, e.g. {@code https://api.mypurecloud.ie}. Wins over {@link #region()} when given. */
    Optional<URI> apiUrl();

    /** Login (OAuth) base URL, e.g. {@code https://login.mypurecloud.ie}. Wins over {@link #region()} when given. */
    Optional<URI> loginUrl();

    /** OAuth client id of a client-credentials grant with the {@code outbound:contact:view/edit} permissions. */
    String clientId();

    /** OAuth client secret. Never logged. */
    String clientSecret();

    /** Genesys API calls per minute this tenant may spend (token, GET and PUT calls all count). */
    @WithDefault("300")
    int requestsPerMinute();
}
