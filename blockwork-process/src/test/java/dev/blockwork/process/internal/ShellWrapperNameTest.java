package dev.blockwork.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which names are JShell's snippet wrappers (refused: they hold the shell's variables), and what the refusal says. */
class ShellWrapperNameTest {
    @Test
    void onlyTheWrappersThemselvesAreRefusedAsShellState() {
        assertThat(CodeBridge.isShellWrapper("REPL.$JShell$20")).isTrue();
        assertThat(CodeBridge.isShellWrapper("REPL.$JShell$4$P")).as("a record declared in the shell").isFalse();
        assertThat(CodeBridge.isShellWrapper("REPL.$JShell$")).isFalse();
        assertThat(CodeBridge.isShellWrapper("REPL.$JShell$6$$Lambda")).isFalse();
        assertThat(CodeBridge.isShellWrapper("com.example.$JShell$20")).isFalse();
    }

    @Test
    void theRefusalIsOneSentenceNamingTheClassAndWhatToDo() {
        String m = CodeBridge.shellStateRefused("REPL.$JShell$20");
        assertThat(m).startsWith("the task uses REPL.$JShell$20, a class the shell made for a variable or method you typed;")
                .contains("workers cannot see the shell's variables").contains("{ var k2 = k; pool.map(v -> v + k2, xs); }")
                .doesNotContain("\n");
    }
}
