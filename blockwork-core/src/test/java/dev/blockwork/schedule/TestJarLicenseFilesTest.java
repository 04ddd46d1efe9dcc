package dev.blockwork.schedule;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * blockwork-core's test-jar (the conformance suite other modules' tests extend) is packed from its test classes:
 * they carry META-INF/LICENSE and META-INF/NOTICE like every other jar of the project.
 */
class TestJarLicenseFilesTest {
    @Test
    void testClassesCarryLicenseAndNotice() throws Exception {
        Path testClasses = Path.of(SchedulerContract.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(Files.readString(testClasses.resolve("META-INF/LICENSE"))).contains("Apache License").contains("Version 2.0, January 2004");
        assertThat(Files.readString(testClasses.resolve("META-INF/NOTICE"))).startsWith("Blockwork");
    }
}
