package io.cronium.runtime;

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
 * Local stand-ins for the tools a script sends through: Slack and Discord over HTTPS under their
 * real host names (the surefire JVM resolves them to 127.0.0.1 from src/test/resources/hosts and
 * trusts a certificate made here for them), a plain HTTP webhook receiver, and GreenMail for SMTP.
 * Each keeps the bodies it received.
 */
final class ToolReceivers implements AutoCloseable {

    private static final String PASSWORD = "changeit";

    final List<String> slack = new CopyOnWriteArrayList<>();
    final List<String> discord = new CopyOnWriteArrayList<>();
    final List<String> webhook = new CopyOnWriteArrayList<>();
    final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private final HttpsServer chat;
    private final HttpServer hooks;

    ToolReceivers(Path dir) throws Exception {
        Path keyStore = certificateFor(dir, "hooks.slack.com", "discord.com");
        // Vert.x's client reads the JDK's default trust store settings when it is created.
        System.setProperty("javax.net.ssl.trustStore", keyStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
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

    /** The fields of a tool Secret of each type, pointing at these receivers. */
    Map<String, Map<String, String>> secrets() {
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
    static void mount(Path toolsDir, String name, Map<String, String> fields) throws IOException {
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
