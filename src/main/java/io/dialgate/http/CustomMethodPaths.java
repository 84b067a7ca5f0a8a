package io.dialgate.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets {@code /writes:batch} and {@code /dead-letters/{id}:retry} be reached whether the client sends the colon as is
 * or percent-encoded ({@code %3A}), as many HTTP clients do; the router itself matches only the literal colon.
 */
public class CustomMethodPaths {

    private static final Pattern ENCODED_METHOD = Pattern.compile("%3[Aa](batch|retry)$");

    @ServerRequestFilter(preMatching = true)
    public void decodeCustomMethod(ContainerRequestContext request, HttpServerRequest http) {
        // Vert.x's raw path, as received: the request URI (a java.net.URI built for every request, events included,
        // which showed in the ingest profile) is only built for the paths that end in an encoded custom method.
        String path = http.path();
        if (path == null || path.indexOf('%') < 0) {
            return; // the common case, events included: nothing encoded, nothing to do
        }
        Matcher encoded = ENCODED_METHOD.matcher(path);
        if (encoded.find()) {
            request.setRequestUri(UriBuilder.fromUri(request.getUriInfo().getRequestUri())
                    .replacePath(encoded.replaceFirst(":" + encoded.group(1)))
                    .build());
        }
    }
}
