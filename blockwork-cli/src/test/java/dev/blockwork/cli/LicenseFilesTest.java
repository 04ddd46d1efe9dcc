package dev.blockwork.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every module's jar carries META-INF/LICENSE and META-INF/NOTICE (Apache-2.0). In the reactor the classes come
 * from each module's target/classes, after {@code ./build install} from its jar: both are checked the same way.
 */
class LicenseFilesTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "dev.blockwork.graph.Graph",            // blockwork-core
            "dev.blockwork.async.TaskGroup",        // blockwork-async
            "dev.blockwork.ndarray.NDArray",        // blockwork-ndarray
            "dev.blockwork.array.DArray",           // blockwork-array
            "dev.blockwork.process.ProcessPool",    // blockwork-process
            "dev.blockwork.cli.Main"})              // blockwork-cli
    void everyModuleShipsLicenseAndNotice(String anchor) throws Exception {
        Path where = locationOf(Class.forName(anchor));
        for (String name : new String[] {"META-INF/LICENSE", "META-INF/NOTICE"}) {
            String text = read(where, name);
            assertThat(text).as("%s in %s", name, where).isNotNull();
            if (name.endsWith("LICENSE")) {
                assertThat(text).contains("Apache License").contains("Version 2.0, January 2004");
            } else {
                assertThat(text).startsWith("Blockwork");
            }
        }
    }

    private static Path locationOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The entry's text from a classes directory or a jar, or null when it is not there. */
    private static String read(Path where, String name) throws Exception {
        if (Files.isDirectory(where)) {
            Path p = where.resolve(name);
            return Files.exists(p) ? Files.readString(p) : null;
        }
        try (ZipFile zip = new ZipFile(where.toFile())) {
            var e = zip.getEntry(name);
            return e == null ? null : new String(zip.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
