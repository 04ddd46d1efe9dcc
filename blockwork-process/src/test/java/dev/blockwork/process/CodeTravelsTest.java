package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.process.serial.ClassAllowList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code travels with the task: classes that only the parent JVM has (a single-file source program's,
 * compiled in memory by {@code java Prog.java}; a JShell snippet's) are loaded by the workers from their
 * parent, with no setting. Runs each program as a user would, in its own JVM.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CodeTravelsTest {
    @AfterAll
    static void noLeaks() throws InterruptedException { Leaks.assertClean(); }

    static final String PROGRAM = """
            import dev.blockwork.delayed.Delayed;
            import dev.blockwork.process.ProcessPool;
            import dev.blockwork.process.schedule.ProcessesScheduler;
            import dev.blockwork.schedule.ComputeOptions;
            import java.util.List;

            public class Prog {
                record Point(int x, List<Integer> around) implements java.io.Serializable {}

                static Point square(int i) { return new Point(i * i, List.of(i - 1, i + 1)); }

                public static void main(String[] args) {
                    try (ProcessPool pool = ProcessPool.create(1)) {
                        System.out.println("pool " + pool.map(Prog::square, List.of(1, 2, 3)));
                    }
                    try (ProcessesScheduler s = new ProcessesScheduler(1)) {
                        ComputeOptions on = ComputeOptions.defaults().withScheduler(s).withProgress(false);
                        System.out.println("graph " + Delayed.of(Prog::square, Delayed.of((Integer x) -> x + 1, 3)).compute(on));
                    }
                }
            }
            """;

    @Test
    void aSingleFileSourceProgramRunsItsOwnClassesOnWorkers(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("Prog.java");
        Files.writeString(source, PROGRAM);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dkryo.unsafe=false", "-cp", System.getProperty("java.class.path"), source.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).contains("pool [Point[x=1, around=[0, 2]], Point[x=4, around=[1, 3]], Point[x=9, around=[2, 4]]]")
                .contains("graph Point[x=16, around=[3, 5]]")
                .doesNotContain("ClassNotFoundException").doesNotContain("WARNING");
        assertThat(p.exitValue()).as(out).isZero();
    }

    /** JShell defines its snippets' classes in memory in its execution JVM: a lambda and a record typed there run on workers. */
    @Test
    void aJShellSnippetRunsItsOwnClassesOnWorkers(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("s.jsh");
        Files.writeString(script, """
                import dev.blockwork.process.ProcessPool;
                record P(int x) implements java.io.Serializable {}
                try (ProcessPool pool = ProcessPool.create(1)) { System.out.println("jshell " + pool.map((Integer i) -> new P(i * 10), java.util.List.of(1, 2))); }
                /exit
                """);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "jshell").toString(),
                "--class-path", System.getProperty("java.class.path"), "-R--enable-native-access=ALL-UNNAMED",
                "-J-Duser.home=" + dir, "-R-Duser.home=" + dir, script.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).contains("jshell [P[x=10], P[x=20]]").doesNotContain("ClassNotFoundException");
        assertThat(p.exitValue()).as(out).isZero();
    }

    /**
     * A shell variable is a static field of a class JShell made: a worker's copy of that class would read 0, so it
     * is refused, with one sentence naming the class and saying what to do (which then works). A record typed in
     * the shell without {@code Serializable} is refused by the serializer with one sentence naming it.
     */
    @Test
    void aShellVariableReadByATaskFailsWithOneSentenceSayingWhatToDo(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("v.jsh");
        Files.writeString(script, """
                import dev.blockwork.process.ProcessPool;
                int k = 7;
                record Q(int x) {}
                var pool = ProcessPool.create(1);
                String firstLine(Throwable t) { return t.getClass().getName() + ": " + t.getMessage().lines().findFirst().orElse(""); }
                try { System.out.println("wrong " + pool.map((Integer v) -> v + k, java.util.List.of(1, 2, 3))); } catch (RuntimeException e) { System.out.println("variable: " + firstLine(e)); }
                try { System.out.println("wrong " + pool.map((Integer v) -> new Q(v), java.util.List.of(1))); } catch (RuntimeException e) { System.out.println("record: " + firstLine(e)); }
                { var k2 = k; System.out.println("block " + pool.map((Integer v) -> v + k2, java.util.List.of(1, 2, 3))); }
                pool.close();
                /exit
                """);
        // Twice: as a user runs it, and with a pattern that admits every shell class (a user who allowed REPL.**
        // for a record): the wrapper holding k must be refused either way.
        for (String allow : List.of("", "-R-D" + ClassAllowList.PROPERTY + "=REPL.**")) {
            runShellScript(dir, script, allow);
        }
    }

    private static void runShellScript(Path dir, Path script, String allow) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jshell").toString(),
                "--class-path", System.getProperty("java.class.path"), "-R--enable-native-access=ALL-UNNAMED", "-R-Dkryo.unsafe=false",
                "-J-Duser.home=" + dir, "-R-Duser.home=" + dir));
        if (!allow.isEmpty()) cmd.add(allow);
        cmd.add(script.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as(out).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(out).as(out).doesNotContain("wrong ").contains("block [8, 9, 10]")
                .containsPattern("variable: dev.blockwork.process.RemoteTaskException: task .* failed in pool-worker-0\\.1 \\(pid \\d+\\): "
                        + "java.lang.NoClassDefFoundError: the task uses REPL\\.\\$JShell\\$\\d+, a class the shell made for a variable or"
                        + " method you typed; workers cannot see the shell's variables: copy the value into a local inside a block, e\\.g\\."
                        + " \\{ var k2 = k; pool\\.map\\(v -> v \\+ k2, xs\\); \\}")
                .containsPattern("record: .*class REPL\\.\\$JShell\\$\\d+\\$Q is not serializable \\(implement java\\.io\\.Serializable");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
