package dev.blockwork.config;

import dev.blockwork.schedule.Schedulers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {

    @Test
    void fileSelectsTheSchedulerAndASystemPropertyBeatsIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("blockwork.properties");
        Files.writeString(f, "scheduler=sync\nthreads=3\n");
        Config.useFile(f);
        try {
            assertThat(Schedulers.current().name()).isEqualTo("sync");
            assertThat(Config.getInt("threads", 1)).isEqualTo(3);
            System.setProperty("blockwork.scheduler", "threads");
            assertThat(Schedulers.current().name()).isEqualTo("threads");
        } finally {
            System.clearProperty("blockwork.scheduler");
            Files.writeString(f, "");
            Config.useFile(f);
        }
        assertThat(Schedulers.current().name()).isEqualTo("threads");
    }

    @Test
    void aNonIntegerSettingIsNamedInTheError() {
        System.setProperty("blockwork.threads", "many");
        try {
            assertThatThrownBy(() -> Config.getInt("threads", 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'threads'").hasMessageContaining("'many'");
        } finally {
            System.clearProperty("blockwork.threads");
        }
    }

    @Test
    void loadReadsJavaPropertiesSyntax(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.properties");
        Files.writeString(f, "# comment\nprogress = off\n");
        Properties p = Config.load(f);
        assertThat(p.getProperty("progress")).isEqualTo("off");
    }
}
