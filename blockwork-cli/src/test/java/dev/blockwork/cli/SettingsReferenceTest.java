package dev.blockwork.cli;

import dev.blockwork.config.Setting;
import dev.blockwork.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One registry for every knob: docs/configuration.md shows exactly {@link Settings#table()}, keys are unique,
 * and no main source reads a {@code blockwork.*} system property on its own (outside the registry).
 */
class SettingsReferenceTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** blockwork-ndarray depends on nothing of Blockwork: its few switches are plain system properties, listed by hand. */
    static final Set<String> NDARRAY_PROPERTIES = Set.of("blockwork.blas", "blockwork.blas.library",
            "blockwork.ndarray.fuseLoops", "blockwork.ndarray.parallel");

    @Test
    void theReferenceDocShowsTheRegistry() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/configuration.md"));
        String begin = "<!-- settings table: made by `blockwork config --markdown` -->\n", end = "<!-- end of settings table -->";
        assertThat(doc).contains(begin).contains(end);
        String table = doc.substring(doc.indexOf(begin) + begin.length(), doc.indexOf(end));
        assertThat(table).as("docs/configuration.md is stale: paste `blockwork config --markdown` between the markers")
                .isEqualTo(Settings.table());
        for (String p : NDARRAY_PROPERTIES) assertThat(doc).contains("`" + p + "`");
    }

    @Test
    void keysAreUniqueAndEveryModuleDeclaresSome() {
        List<Setting> all = Settings.all();
        Set<String> keys = new HashSet<>();
        for (Setting s : all) assertThat(keys.add(s.key())).as("duplicate setting " + s.key()).isTrue();
        assertThat(Settings.groups()).extracting(g -> g.module()).contains("blockwork-core", "blockwork-process");
    }

    @Test
    void noMainSourceReadsABlockworkPropertyOutsideTheRegistry() throws IOException {
        Pattern direct = Pattern.compile("(getProperty|getInteger|getLong|getBoolean|getenv)\\(\"(blockwork[._][A-Za-z0-9._]*|BLOCKWORK_[A-Z0-9_]*)\"");
        Set<String> offenders = new HashSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/")
                    && !p.endsWith("dev/blockwork/config/Config.java")).toList()) { // Config is the registry's reader
                Matcher m = direct.matcher(Files.readString(f));
                while (m.find()) {
                    String name = m.group(2);
                    if (f.toString().contains("blockwork-ndarray/") && NDARRAY_PROPERTIES.contains(name)) continue;
                    if (name.equals("BLOCKWORK_BLAS_LIBRARY") || name.equals("BLOCKWORK_CONFIG")) continue; // ndarray's, Config's own
                    offenders.add(ROOT.relativize(f) + ": " + name);
                }
            }
        }
        assertThat(offenders).as("declare these as a Setting in the module's SettingsGroup").isEmpty();
    }
}
