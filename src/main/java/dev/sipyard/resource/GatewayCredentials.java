package dev.sipyard.resource;

/**
 * The username and password sipyard answers a carrier's digest challenge with, decrypted. The
 * password is a secret: {@link #toString()} leaves it out, so a stray log line cannot show it.
 */
public record GatewayCredentials(String username, String password) {
    @Override
    public String toString() {
        return "GatewayCredentials[username=" + username + ", password=***]";
    }
}
