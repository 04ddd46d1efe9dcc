package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles programs as a user's project would (the library on the class path, no flag) and runs their main. */
final class UserPrograms {
    private UserPrograms() {}

    /** Compiles {@code sources} into {@code classes}; fails the test with the compiler's messages if it does not compile. */
    static void compile(List<Path> sources, Path classes, boolean warningsAreErrors, String what) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString()));
        options.addAll(warningsAreErrors ? List.of("-Xlint:all", "-Werror") : List.of("-Xlint:none"));
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diags, options, null, fm.getJavaFileObjects(sources.toArray(Path[]::new))).call();
            assertThat(ok).as("%s compiles: %s", what, diags.getDiagnostics()).isTrue();
        }
    }

    /** Runs {@code com.example.<className>.main} from {@code classes} and returns what it printed (also echoed). */
    static String run(Path classes, String className, ClassLoader parent) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader l = new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent)) {
            Method main = l.loadClass("com.example." + className).getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        original.print(printed);
        return printed;
    }
}
