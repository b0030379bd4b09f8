package io.healthmon.server.rest.security;

import io.healthmon.server.config.HttpConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;

/**
 * The client address a request is counted under (failed authentications, slow bodies, security
 * events): the peer, or behind a trusted reverse proxy ({@code healthmon.http.trusted-proxies}) the
 * client its {@code X-Forwarded-For} names. Without it every agent behind a proxy would share the
 * proxy's address, and one of them failing to authenticate would have all of them refused.
 */
@ApplicationScoped
public class ClientAddresses {

    @Inject
    HttpConfig http;

    /** The request's client address. */
    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (http.trustedProxies().isEmpty()) {
            return peer;
        }
        List<String> forwardedFor = Collections.list(request.getHeaders("X-Forwarded-For"));
        return http.trustedProxies().clientOf(peer, forwardedFor);
    }
}
