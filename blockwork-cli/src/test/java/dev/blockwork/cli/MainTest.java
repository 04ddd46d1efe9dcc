package dev.blockwork.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEverySubcommandAndOption() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("demo").contains("bench").contains("--version");
        Run demo = run("demo", "--help");
        assertThat(demo.out()).contains("--part").contains("1  threads").contains("4  " + dev.blockwork.cli.demo.Demo.PART_4).contains("--quick");
        Run bench = run("bench", "--help");
        assertThat(bench.out()).contains("tasks").contains("arrays").contains("processes").contains("async").contains("--runs");
    }

    @Test
    void demoPartOneRunsAndABadPartIsRefused() {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(buf, true));
        try {
            assertThat(run("demo", "--quick", "--part", "1").code()).isZero();
        } finally {
            System.setOut(old);
        }
        assertThat(buf.toString()).contains("== (1)").contains("Hello").contains("40000 (expected 40000)");
        assertThat(run("demo", "--part", "9").code()).isEqualTo(2);
    }

    @Test
    void unknownBenchSuiteIsRefused() {
        assertThat(run("bench", "nope").code()).isEqualTo(2);
    }
}
