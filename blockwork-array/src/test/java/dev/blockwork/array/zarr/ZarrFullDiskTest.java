package dev.blockwork.array.zarr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.array.DRandom;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 256 KiB tmpfs mounted for the test (needs root, as CI runs; elsewhere the test is reported as
 * not run, naming why). A Zarr-to-Zarr copy of a 2 MiB array onto it fails with an error naming the chunk file and
 * the cause, leaves no temporary file, every chunk file that exists is complete, and the source is byte-for-byte
 * unchanged.
 */
class ZarrFullDiskTest {
    @TempDir
    Path tmp;

    static boolean root() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor(30, TimeUnit.SECONDS) && out.equals("0");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    static TreeMap<String, String> digests(Path dir) throws Exception {
        TreeMap<String, String> m = new TreeMap<>();
        try (var w = Files.walk(dir)) {
            for (Path p : w.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return m;
    }

    @Test
    void aFullDiskFailsCleanlyAndLeavesTheSourceUntouched() throws Exception {
        Assumptions.assumeTrue(root(), "needs root to mount a 256 KiB tmpfs (CI runs as root)");
        Path src = tmp.resolve("src.zarr"), mnt = tmp.resolve("small-disk");
        DArray data = new DRandom(7).uniform(Shape.of(512, 512), Chunks.of(64, 64)); // random: does not compress
        data.toZarr(src, ZarrWriteOptions.defaults().codecs());
        NDArray want = DArray.fromZarr(src).compute();
        TreeMap<String, String> before = digests(src);
        Files.createDirectories(mnt);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt.toString()) == 0,
                "mount -t tmpfs failed (needs root and the mount command from util-linux)");
        try {
            Path dst = mnt.resolve("dst.zarr");
            assertThatThrownBy(() -> DArray.fromZarr(src).toZarr(dst, ZarrWriteOptions.defaults().codecs()
                    .compute(Fixtures.THREADS))).satisfies(e -> assertThat(ZarrCorruptInputTest.messages(e))
                    .contains("No space left on device").contains("writing Zarr file " + dst)
                    .contains("nothing was written under that name"));
            List<Path> files;
            try (var w = Files.walk(dst)) {
                files = w.filter(Files::isRegularFile).toList();
            }
            assertThat(files).as("no temporary file is left").noneMatch(p -> p.getFileName().toString().endsWith(".partial"));
            ZarrArray out = ZarrArray.open(dst);
            int complete = 0;
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.startsWith(".")) continue;
                String[] ij = n.split("\\.");
                long i = Long.parseLong(ij[0]) * 64, j = Long.parseLong(ij[1]) * 64;
                NDArray chunk = out.read(new long[] {i, j}, new long[] {64, 64});
                Fixtures.assertExact(chunk, want.get(Index.range(i, i + 64), Index.range(j, j + 64)).copy(), "chunk " + n + " on the full disk");
                complete++;
            }
            assertThat(complete).as("some chunks fitted before the disk filled").isPositive().isLessThan(64);
            assertThat(digests(src)).as("source untouched").isEqualTo(before);
        } finally {
            run("umount", mnt.toString());
        }
    }
}
