package io.cronium.tools.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Local stand-ins for the tools messages are sent through, for tests of the sending code (the
 * cronium-tools test jar): Slack and Discord over HTTPS with a certificate for their real host
 * names, a plain HTTP webhook receiver and GreenMail for SMTP, all on 127.0.0.1. A sender reaches
 * the chat receivers when it resolves those names to 127.0.0.1 ({@link #HOSTS}) and trusts
 * {@link #trustStore()} (password {@value #PASSWORD}, PKCS12). Each keeps the bodies it received.
 */
public final class ToolReceivers implements AutoCloseable {

    public static final String PASSWORD = "changeit";
    /** A hosts file (jdk.net.hosts.file) that sends the chat tools' names to the receivers. */
    public static final String HOSTS = "127.0.0.1 localhost hooks.slack.com discord.com\n::1 localhost\n";

    public final List<String> slack = new CopyOnWriteArrayList<>();
    public final List<String> discord = new CopyOnWriteArrayList<>();
    public final List<String> webhook = new CopyOnWriteArrayList<>();
    public final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private final Path trustStore;
    private final HttpsServer chat;
    private final HttpServer hooks;

    /** @param dir where the certificate's key store is written */
    public ToolReceivers(Path dir) throws Exception {
        Path keyStore = certificateFor(dir, "hooks.slack.com", "discord.com");
        trustStore = keyStore;
        chat = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat.setHttpsConfigurator(new HttpsConfigurator(serverContext(keyStore)));
        chat.createContext("/services/", exchange -> keep(exchange, slack));
        chat.createContext("/api/webhooks/", exchange -> keep(exchange, discord));
        chat.start();
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/", exchange -> keep(exchange, webhook));
        hooks.start();
        smtp.setUser("cronium@example.org", "cronium", "pa55-w0rd");
        smtp.start();
    }

    /** The receivers' certificate, for the sender's JVM to trust. */
    public Path trustStore() {
        return trustStore;
    }

    /** The fields of a tool Secret of each type (slack, discord, webhook, email), pointing at these receivers. */
    public Map<String, Map<String, String>> secrets() {
        int chatPort = chat.getAddress().getPort();
        return Map.of(
                "slack", Map.of("url", "https://hooks.slack.com:" + chatPort + "/services/T0/B0/x"),
                "discord", Map.of("url", "https://discord.com:" + chatPort + "/api/webhooks/1/x"),
                "webhook", Map.of("url", "http://127.0.0.1:" + hooks.getAddress().getPort() + "/in"),
                "email", Map.of("host", "127.0.0.1", "port", Integer.toString(smtp.getSmtp().getPort()),
                        "username", "cronium", "password", "pa55-w0rd", "tls", "none",
                        "from", "cronium@example.org", "to", "ops@example.org"));
    }

    /** Writes a Secret's fields as the kubelet mounts them: one file per key under tools/NAME/. */
    public static void mount(Path toolsDir, String name, Map<String, String> fields) throws IOException {
        Path dir = Files.createDirectories(toolsDir.resolve(name));
        for (Map.Entry<String, String> field : fields.entrySet()) {
            Files.writeString(dir.resolve(field.getKey()), field.getValue(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        chat.stop(0);
        hooks.stop(0);
        smtp.stop();
    }

    private static void keep(HttpExchange exchange, List<String> bodies) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            bodies.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private static Path certificateFor(Path dir, String... hosts) throws IOException, InterruptedException {
        Path keyStore = dir.resolve("receivers.p12");
        if (!Files.exists(keyStore)) {
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-keyalg", "EC", "-alias", "receiver", "-dname", "CN=" + hosts[0],
                    "-ext", "SAN=dns:" + String.join(",dns:", hosts), "-validity", "2",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        }
        return keyStore;
    }

    private static SSLContext serverContext(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore.toFile())) {
            store.load(in, PASSWORD.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
