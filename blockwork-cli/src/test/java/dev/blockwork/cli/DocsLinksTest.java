package dev.blockwork.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every relative link in the README and the docs points at a file that exists (docs move; links must follow). */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)");

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("README.md"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
        return p;
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Path root = root();
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("CONTRIBUTING.md")));
        try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
            s.filter(f -> f.toString().endsWith(".md")).forEach(files::add);
        }
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path f : files) {
            Matcher m = LINK.matcher(Files.readString(f));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) continue;
                links++;
                if (!Files.exists(f.getParent().resolve(target).normalize())) broken.add(root.relativize(f) + " -> " + target);
            }
        }
        assertThat(links).as("relative links checked").isGreaterThan(20);
        assertThat(broken).as("links to files that do not exist").isEmpty();
    }
}
