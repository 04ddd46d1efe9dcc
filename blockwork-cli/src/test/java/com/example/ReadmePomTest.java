package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The pom a user copies from the README's "Use it from your project" is a pom: it parses, imports the BOM of this
 * build's version, names modules that exist, and pins the same Java release and plugins as the {@code examples/}
 * project (which {@link ExamplesProjectTest} builds and runs), so the two cannot drift apart.
 */
class ReadmePomTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().strip();
    }

    /** artifactId → version of every plugin in the document. */
    private static Map<String, String> plugins(Document d) {
        Map<String, String> m = new LinkedHashMap<>();
        NodeList l = d.getElementsByTagName("plugin");
        for (int i = 0; i < l.getLength(); i++) {
            Element p = (Element) l.item(i);
            m.put(text(p, "artifactId"), text(p, "version"));
        }
        return m;
    }

    @Test
    void theReadmesPomParsesAndAgreesWithTheExamplesProject() throws Exception {
        Path root = ExamplesProjectTest.project().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        int section = readme.indexOf("## Use it from your project");
        assertThat(section).as("the README's section").isPositive();
        Matcher m = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find(section)).as("an xml block in that section").isTrue();
        Document snippet = parse("<project>" + m.group(1) + "</project>");
        Document examples = parse(Files.readString(root.resolve("examples/pom.xml")));
        Document parent = parse(Files.readString(root.resolve("pom.xml")));

        String version = text(parent.getDocumentElement(), "version");
        Element bom = (Element) snippet.getElementsByTagName("dependencyManagement").item(0);
        assertThat(text(bom, "artifactId")).isEqualTo("blockwork-bom");
        assertThat(text(bom, "version")).as("the BOM version the README names").isEqualTo(version);
        assertThat(text(bom, "scope")).isEqualTo("import");

        List<String> modules = new ArrayList<>();
        NodeList ms = parent.getElementsByTagName("module");
        for (int i = 0; i < ms.getLength(); i++) modules.add(ms.item(i).getTextContent().strip());
        NodeList deps = ((Element) snippet.getElementsByTagName("dependencies").item(1)).getElementsByTagName("artifactId");
        List<String> named = new ArrayList<>();
        for (int i = 0; i < deps.getLength(); i++) named.add(deps.item(i).getTextContent().strip());
        assertThat(named).contains("blockwork-core", "blockwork-array", "blockwork-process");
        assertThat(modules).containsAll(named);

        assertThat(text(snippet.getDocumentElement(), "maven.compiler.release"))
                .isEqualTo(text(examples.getDocumentElement(), "maven.compiler.release")).isEqualTo("25");
        assertThat(plugins(snippet)).containsKeys("maven-compiler-plugin", "exec-maven-plugin");
        Map<String, String> examplePlugins = plugins(examples);
        plugins(snippet).forEach((artifact, v) -> assertThat(v).as(artifact + "'s version, README against examples/pom.xml")
                .isNotNull().isEqualTo(examplePlugins.get(artifact)));
    }
}
