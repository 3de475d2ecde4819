package dev.sipyard.config;

/** A listening address: host (IP or name) and port (0 = any free port). */
public record HostPort(String host, int port) {

    static HostPort parse(String setting, String value) {
        String v = value.trim();
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new SettingsException(setting + "=" + value + " is not host:port (for example 127.0.0.1:8080)");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new SettingsException(setting + "=" + value + ": the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new SettingsException(setting + "=" + value + ": the port must be 0..65535");
        }
        try {
            java.net.InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new SettingsException(setting + "=" + value + ": unknown host " + host);
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
