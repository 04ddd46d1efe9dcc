package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * An application on the module path: its own module requires {@code dev.blockwork.process}, and pools, futures
 * and graphs on {@code processes} run its lambdas and records on worker JVMs. Compiled and run as a user would,
 * with {@code java -p ... -m}, in its own JVM; Blockwork's modules are this build's {@code target/classes}
 * folders (exploded modules, with their {@code module-info.class}).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ModulePathTest {
    @AfterAll
    static void noLeaks() throws InterruptedException { Leaks.assertClean(); }

    static final String MODULE_INFO = """
            module com.example.app {
                requires dev.blockwork.process;
                // What the serializer needs to read and rebuild this module's objects and lambdas.
                opens com.example.app to dev.blockwork.process, com.esotericsoftware.kryo;
            }
            """;

    static final String MAIN = """
            package com.example.app;

            import dev.blockwork.delayed.Delayed;
            import dev.blockwork.futures.Client;
            import dev.blockwork.process.ProcessPool;
            import dev.blockwork.process.schedule.ProcessesScheduler;
            import dev.blockwork.schedule.ComputeOptions;
            import java.util.List;

            public class Main {
                record Point(int x, List<Integer> around) implements java.io.Serializable {}

                static Point square(int i) { return new Point(i * i, List.of(i - 1, i + 1)); }

                public static void main(String[] args) throws Exception {
                    System.out.println("module " + Main.class.getModule().getName() + ", blockwork in "
                            + ProcessPool.class.getModule().getName());
                    try (ProcessPool pool = ProcessPool.create(2)) {
                        System.out.println("pool " + pool.map(Main::square, List.of(1, 2, 3)));
                        System.out.println("lambda " + pool.map((Integer i) -> i * 10, List.of(1, 2)));
                    }
                    try (ProcessesScheduler s = new ProcessesScheduler(2)) {
                        ComputeOptions on = ComputeOptions.defaults().withScheduler(s).withProgress(false);
                        System.out.println("graph " + Delayed.of(Main::square, Delayed.of((Integer x) -> x + 1, 3)).compute(on));
                        try (Client c = Client.create(on)) {
                            System.out.println("future " + c.submit(Main::square, 5).result());
                        }
                    }
                }
            }
            """;

    @Test
    void anApplicationOnTheModulePathRunsItsTasksOnWorkers(@TempDir Path dir) throws Exception {
        String printed = runApplication(dir, MODULE_INFO, 0);
        assertThat(printed).as(printed)
                .contains("module com.example.app, blockwork in dev.blockwork.process")
                .contains("pool [Point[x=1, around=[0, 2]], Point[x=4, around=[1, 3]], Point[x=9, around=[2, 4]]]")
                .contains("lambda [10, 20]")
                .contains("graph Point[x=16, around=[3, 5]]")
                .contains("future Point[x=25, around=[4, 6]]")
                .doesNotContain("Exception").doesNotContain("WARNING");
    }

    /** Without the {@code opens}, the first task fails with one sentence saying which line to add, not a reflection trace. */
    @Test
    void aModuleThatDoesNotOpenItsPackageIsToldWhatToAdd(@TempDir Path dir) throws Exception {
        String closed = MODULE_INFO.replaceAll("(?m)^.*(opens|//).*\\n", "");
        assertThat(closed).doesNotContain("opens");
        String printed = runApplication(dir, closed, 1);
        assertThat(printed).as(printed).contains("opens com.example.app to dev.blockwork.process, com.esotericsoftware.kryo;");
    }

    private static String runApplication(Path dir, String moduleInfo, int expectedExit) throws Exception {
        String modulePath = blockworkModulePath();
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("com/example/app"));
        Path info = Files.writeString(src.resolve("module-info.java"), moduleInfo);
        Path main = Files.writeString(src.resolve("com/example/app/Main.java"), MAIN);
        Path out = dir.resolve("mods/com.example.app");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diags, List.of("--module-path", modulePath, "-d", out.toString(), "-Xlint:all", "-Werror"),
                    null, fm.getJavaFileObjects(info, main)).call();
            assertThat(ok).as("the module compiles: %s", diags.getDiagnostics()).isTrue();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkryo.unsafe=false", "--module-path", modulePath + File.pathSeparator + out, "-m", "com.example.app/com.example.app.Main"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits: %s", printed).isTrue();
        assertThat(p.exitValue()).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    /** Blockwork's modules (this build's classes folders) and the serializer's jars, from this test JVM's class path. */
    static String blockworkModulePath() {
        List<String> keep = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            boolean blockworkModule = p.endsWith("target/classes") && Files.exists(p.resolve("module-info.class"));
            String name = p.getFileName().toString();
            boolean serializerJar = name.endsWith(".jar")
                    && (name.startsWith("kryo-") || name.startsWith("minlog-") || name.startsWith("objenesis-") || name.startsWith("reflectasm-"));
            if (blockworkModule || serializerJar) keep.add(e);
        }
        assertThat(keep).as("core's and process's module-info.class on the class path %s", System.getProperty("java.class.path"))
                .anyMatch(e -> e.contains("blockwork-core")).anyMatch(e -> e.contains("blockwork-process"));
        return String.join(File.pathSeparator, keep);
    }
}
