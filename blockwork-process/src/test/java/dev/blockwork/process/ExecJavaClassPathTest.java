package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers get the class path the application is loaded from, not only {@code java.class.path}: under
 * {@code mvn exec:java} that property is Maven's launcher and the application and Blockwork live in a
 * URLClassLoader. A worker that dies at start-up anyway reports its own stderr and its class path.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExecJavaClassPathTest {
    @AfterAll
    static void noLeaks() throws InterruptedException { Leaks.assertClean(); }

    /** The shape of exec:java: java.class.path is this class alone; the application comes from a URLClassLoader. */
    static final String LAUNCHER = """
            import java.net.URL;
            import java.net.URLClassLoader;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.List;

            public class ExecLauncher {
                public static void main(String[] args) throws Exception {
                    List<String> entries = Files.readAllLines(Path.of(args[1]));
                    URL[] urls = new URL[entries.size()];
                    for (int i = 0; i < urls.length; i++) urls[i] = Path.of(entries.get(i)).toUri().toURL();
                    ClassLoader app = new URLClassLoader("app", urls, ClassLoader.getSystemClassLoader());
                    Thread.currentThread().setContextClassLoader(app);
                    Class.forName(args[0], true, app).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
                }
            }
            """;

    @Test
    void aProgramLoadedByAUrlClassLoaderRunsItsLambdasOnWorkers(@TempDir Path dir) throws Exception {
        Path src = Files.writeString(dir.resolve("ExecLauncher.java"), LAUNCHER);
        Path launcherDir = Files.createDirectories(dir.resolve("launcher"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diags, List.of("-d", launcherDir.toString()), null, fm.getJavaFileObjects(src)).call();
            assertThat(ok).as("the launcher compiles: %s", diags.getDiagnostics()).isTrue();
        }
        Path appClassPath = Files.write(dir.resolve("app-classpath.txt"),
                List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dkryo.unsafe=false", "-cp", launcherDir.toString(),
                "ExecLauncher", "com.example.execjava.PoolMain", appClassPath.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as(out).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(out).as(out).contains("exec:java [3, 6, 9]").doesNotContain("Could not find or load main class")
                .contains("undeclared class refused").contains("PoolMain$Undeclared").doesNotContain("undeclared class accepted");
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void aWorkerThatDiesAtStartUpReportsItsOutputAndClassPath() {
        PoolOptions o = new PoolOptions().processes(1).maxStartFailures(2).output(WorkerProcess.Output.CAPTURE)
                .jvmArgs("-Djava.system.class.loader=com.example.NoSuchLoader"); // the JVM cannot start
        try (ProcessPool pool = ProcessPool.create(o)) {
            String someEntry = System.getProperty("java.class.path").split(File.pathSeparator)[0];
            assertThatThrownBy(() -> pool.apply(() -> 1)).isInstanceOf(WorkerDiedException.class)
                    .hasMessageContaining("during start-up").hasMessageContaining("last output lines")
                    .hasMessageContaining("com.example.NoSuchLoader").hasMessageContaining("class path: ")
                    .hasMessageContaining(someEntry);
        }
    }
}
