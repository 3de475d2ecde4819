package dev.sipyard;

import dev.sipyard.common.Times;
import dev.sipyard.config.Settings;
import dev.sipyard.config.SettingsException;
import dev.sipyard.config.SettingsLoader;
import dev.sipyard.project.NewProject;
import dev.sipyard.project.TokenInfo;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code sipyard} command line: serve, and the operator's project and token commands. */
@Command(name = "sipyard", mixinStandardHelpOptions = true, version = "sipyard 0.1.0",
        description = "Self-hosted SIP credential and call-routing server.",
        subcommands = {Sipyard.Serve.class, Sipyard.ProjectCmd.class, Sipyard.TokenCmd.class, Sipyard.BansCmd.class,
                Sipyard.DoctorCmd.class, EndpointsCommand.class})
public final class Sipyard implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Sipyard());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof SettingsException) {
                cmd.getErr().println("sipyard: bad setting: " + e.getMessage());
                return 2;
            }
            cmd.getErr().println("sipyard: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static Settings settings() {
        return SettingsLoader.fromEnvironment();
    }

    @Command(name = "serve", description = "Run the server: the REST API and the SIP listeners.")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Settings settings = settings();
            SipyardServer server = SipyardServer.open(settings);
            try {
                server.start(); // listen first: a start that fails must not spend the first project's one showing
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            server.bootstrapFirstProject().ifPresent(p -> printFirstProject(p, settings, server));
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.drainAndClose();
                stop.countDown();
            }, "sipyard-shutdown"));
            StopSignals.install(server, settings.drainSeconds());
            stop.await();
            return 0;
        }

        private static void printFirstProject(NewProject p, Settings settings, SipyardServer server) {
            String host = settings.httpAddr().host();
            String url = "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host) + ":"
                    + server.httpPort();
            System.out.println();
            System.out.println("  First start: created a project. The token is shown only now; keep it.");
            System.out.println("    project id : " + p.project().id());
            System.out.println("    API token  : " + p.token());
            System.out.println("    SIP domain : " + p.domain());
            System.out.println("  Try:");
            System.out.println("    curl -u " + p.project().id() + ":" + p.token() + " " + url
                    + "/api/fabric/resources/sip_endpoints");
            System.out.println();
            System.out.flush();
        }
    }

    @Command(name = "doctor", description = "Check the settings, the database, the ports, the TLS certificate and "
            + "the text-to-speech engine; one line each. Exit status 1 when something would stop the server.")
    static final class DoctorCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Settings settings;
            try {
                settings = settings();
            } catch (SettingsException e) {
                out.println(new Doctor.Finding(Doctor.Level.FAIL, "settings", e.getMessage()).line());
                out.flush();
                return 1;
            }
            out.println(new Doctor.Finding(Doctor.Level.OK, "settings", "valid").line());
            boolean failed = false;
            for (Doctor.Finding f : new Doctor(settings, java.time.Clock.systemUTC()).run()) {
                out.println(f.line());
                out.flush();
                failed |= f.level() == Doctor.Level.FAIL;
            }
            return failed ? 1 : 0;
        }
    }

    @Command(name = "project", description = "Manage projects.", subcommands = {ProjectCreate.class})
    static final class ProjectCmd extends Group {}

    @Command(name = "create", description = "Create a project and print its id, first API token and SIP domain.")
    static final class ProjectCreate extends DatabaseCommand {
        @Option(names = "--name", required = true, description = "A name for the project.")
        String name;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        int run(SipyardServer server, PrintWriter out, PrintWriter err) {
            NewProject p = server.domain().projects().create(name);
            if (json) {
                out.println(jsonObject(Map.of("project_id", p.project().id(), "token", p.token(),
                        "domain", p.domain())));
            } else {
                out.println("project id : " + p.project().id());
                out.println("API token  : " + p.token());
                out.println("SIP domain : " + p.domain());
            }
            return 0;
        }
    }

    @Command(name = "token", description = "Manage a project's API tokens.",
            subcommands = {TokenCreate.class, TokenList.class, TokenRevoke.class})
    static final class TokenCmd extends Group {}

    @Command(name = "create", description = "Create an API token for a project; it is printed once.")
    static final class TokenCreate extends DatabaseCommand {
        @Option(names = "--project", required = true)
        String project;

        @Override
        int run(SipyardServer server, PrintWriter out, PrintWriter err) {
            var token = server.domain().tokens().create(project);
            if (token.isEmpty()) {
                err.println("sipyard: no project " + project);
                return 1;
            }
            out.println(token.get());
            return 0;
        }
    }

    @Command(name = "list", description = "List a project's API tokens (id, last characters, state).")
    static final class TokenList extends DatabaseCommand {
        @Option(names = "--project", required = true)
        String project;

        @Override
        int run(SipyardServer server, PrintWriter out, PrintWriter err) {
            out.printf("%-36s  %-8s  %-20s  %s%n", "ID", "ENDS IN", "CREATED", "STATE");
            for (TokenInfo t : server.domain().tokens().list(project)) {
                out.printf("%-36s  ...%-5s  %-20s  %s%n", t.id(), t.hint(), Times.iso(t.createdAt()),
                        t.revokedAt() == null ? "active" : "revoked " + Times.iso(t.revokedAt()));
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke one API token of a project.")
    static final class TokenRevoke extends DatabaseCommand {
        @Option(names = "--project", required = true)
        String project;

        @CommandLine.Parameters(paramLabel = "TOKEN_ID")
        String tokenId;

        @Override
        int run(SipyardServer server, PrintWriter out, PrintWriter err) {
            if (!server.domain().tokens().revoke(project, tokenId)) {
                err.println("sipyard: project " + project + " has no token " + tokenId);
                return 1;
            }
            out.println("revoked " + tokenId);
            return 0;
        }
    }

    @Command(name = "bans", description = "See and lift the SIP brute-force bans of the whole server.",
            subcommands = {BansList.class, BansClear.class})
    static final class BansCmd extends Group {}

    @Command(name = "list", description = "List the active bans (address, until, failures, reason).")
    static final class BansList extends DatabaseCommand {
        @Override
        int run(SipyardServer server, PrintWriter out, PrintWriter err) {
            out.printf("%-39s  %-20s  %-8s  %s%n", "ADDRESS", "BANNED UNTIL", "FAILURES", "REASON");
            for (var b : server.sip().bans(null)) {
                out.printf("%-39s  %-20s  %-8d  %s%n", b.address(), Times.iso(b.bannedUntil()), b.failures(),
                        b.reason());
            }
            return 0;
        }
    }

    @Command(name = "clear", description = "Lift the ban on ADDRESS, or every ban when no address is given.")
    static final class BansClear extends DatabaseCommand {
        @CommandLine.Parameters(paramLabel = "ADDRESS", arity = "0..1")
        String address;

        @Override
        int run(SipyardServer server, PrintWriter out, PrintWriter err) {
            if (address == null) {
                out.println("lifted " + server.sip().liftAllBans() + " ban(s)");
            } else if (server.sip().liftBan(address, null)) {
                out.println("lifted the ban on " + address);
            } else {
                err.println("sipyard: " + address + " is not banned");
                return 1;
            }
            return 0;
        }
    }

    /** A command that prints its usage: the parent of a group of subcommands. */
    abstract static class Group implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    /** An operator command that works on the configured database, whether or not a server is running. */
    abstract static class DatabaseCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (SipyardServer server = SipyardServer.open(settings())) {
                return run(server, out, err);
            } finally {
                out.flush();
                err.flush();
            }
        }

        abstract int run(SipyardServer server, PrintWriter out, PrintWriter err);
    }

    private static String jsonObject(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        for (String k : new String[] {"project_id", "token", "domain"}) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(k).append("\":\"").append(fields.get(k)).append('"');
        }
        return sb.append('}').toString();
    }
}
