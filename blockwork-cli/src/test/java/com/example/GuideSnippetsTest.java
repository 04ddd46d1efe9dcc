package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java program in the user guides ({@code docs/guide/*.md}) is compiled as a user would compile it, in its
 * own package ({@code com.example}), against the library on the class path, with no flag, and run. A program
 * followed by a {@code text} block whose first line is {@code // output} must print exactly that block.
 * So a guide cannot show code that does not compile, fails, or prints something else.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GuideSnippetsTest {
    private static final Pattern BLOCK = Pattern.compile("```(java|text)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");

    @TempDir Path out;

    record Program(Path guide, String className, String source, String expected) {}

    static Path docs() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("docs/guide"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("no docs/guide above " + Path.of("").toAbsolutePath());
        return p.resolve("docs/guide");
    }

    static List<Program> programs() throws IOException {
        List<Program> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(docs())) {
            for (Path g : s.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = BLOCK.matcher(Files.readString(g));
                Program pending = null;
                while (m.find()) {
                    String kind = m.group(1), body = m.group(2);
                    if (kind.equals("java")) {
                        if (pending != null) all.add(pending);
                        pending = null;
                        if (!body.contains("static void main(")) continue; // a fragment shown inside prose: not a program
                        Matcher c = CLASS.matcher(body);
                        if (!c.find()) throw new IllegalStateException(g + ": a program without a public class:\n" + body);
                        pending = new Program(g, c.group(1), body, null);
                    } else if (pending != null && body.startsWith("// output\n")) {
                        all.add(new Program(g, pending.className(), pending.source(), body.substring("// output\n".length())));
                        pending = null;
                    }
                }
                if (pending != null) all.add(pending);
            }
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyGuideProgramCompilesAndRuns() throws IOException {
        List<Program> ps = programs();
        assertThat(ps).as("programs in docs/guide").hasSizeGreaterThanOrEqualTo(5);
        return ps.stream().map(p -> DynamicTest.dynamicTest(docs().relativize(p.guide()) + ": " + p.className(), () -> run(p)));
    }

    private void run(Program p) throws Exception {
        assertThat(p.source()).as("%s is in a user's package", p.className()).contains("package com.example;");
        Path src = out.resolve("src").resolve(p.className() + ".java"), classes = out.resolve("classes-" + p.className());
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, p.source());
        UserPrograms.compile(List.of(src), classes, false, p.className() + " (" + p.guide().getFileName() + ")");
        String printed = UserPrograms.run(classes, p.className(), getClass().getClassLoader());
        if (p.expected() != null) {
            assertThat(printed.strip()).as("what %s in %s prints", p.className(), p.guide().getFileName()).isEqualTo(p.expected().strip());
        }
    }
}
