package dev.blockwork.ndarray;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Loads the NumPy-written fixtures made by {@code src/test/python/make_fixtures.py}. */
final class Fixtures {
    private Fixtures() {}

    static Path path(String name) {
        URL u = Fixtures.class.getResource("/fixtures/" + name + ".npy");
        if (u == null) throw new IllegalArgumentException("missing fixture " + name + ".npy; run src/test/python/make_fixtures.py");
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static NDArray load(String name) { return Npy.read(path(name)); }
}
