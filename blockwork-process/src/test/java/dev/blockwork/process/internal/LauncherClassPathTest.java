package dev.blockwork.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a worker's class path is read off the application's class loaders (the exec:java shape). */
class LauncherClassPathTest {

    @Test
    @SuppressWarnings("deprecation") // File.toURL(): the unescaped URLs some launchers still build
    void theLoaderChainGoesRootFirstAndKeepsPathsWithSpaces(@TempDir Path dir) throws Exception {
        Path parentJar = dir.resolve("parent.jar");
        Path childDir = dir.resolve("child classes");
        Path spaced = dir.resolve("a b").resolve("lib.jar");
        URL unescaped = spaced.toFile().toURL();             // file:/.../a b/lib.jar: not a valid URI
        assertThat(unescaped.toString()).contains("a b");
        try (URLClassLoader parent = new URLClassLoader(new URL[] {parentJar.toUri().toURL()}, null);
             URLClassLoader child = new URLClassLoader(new URL[] {childDir.toUri().toURL(), unescaped,
                     new URL("http://example.org/remote.jar")}, parent)) {
            Set<String> got = new LinkedHashSet<>();
            Launcher.addLoaderChain(child, got);
            // parent first (URLClassLoader delegates to it first), the http URL dropped
            assertThat(got).containsExactly(parentJar.toString(), childDir.toString(), new File(spaced.toString()).getPath());
        }
    }
}
