package io.dialgate.genesys;

/**
 * Why the token endpoint gave no token. Neither is about a write: the writes wait until a token is had, and the
 * tenant is marked in health details, stats and {@code dialgate_tenant_login_trouble}.
 */
public enum LoginTrouble {
    /** The login service refused the OAuth client (400 {@code invalid_client}, 401, 403): a secret to fix. */
    CREDENTIALS_REFUSED("credentials refused by Genesys"),
    /**
     * No usable answer: no answer at all, a 404 (a mistyped login URL), 429, 5xx, or a 2xx without
     * {@code access_token} (a proxy's HTML page).
     */
    LOGIN_UNREACHABLE("Genesys login unreachable");

    private final String description;

    LoginTrouble(String description) {
        this.description = description;
    }

    /** How health details and stats say it. */
    public String description() {
        return description;
    }

    /** What a token endpoint reply that carried no token means. */
    static LoginTrouble of(GenesysReply reply) {
        if (reply.answered(400) || reply.answered(401) || reply.answered(403)) {
            return CREDENTIALS_REFUSED;
        }
        return LOGIN_UNREACHABLE;
    }
}
