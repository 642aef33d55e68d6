package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Diff;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateModuleTest {
    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

    @TempDir
    Path dir;
    private final Map<String, String> vars = new HashMap<>(Map.of("cluster", "cp-1", "address", "10.0.0.5"));

    @BeforeEach
    void writeTemplate() throws Exception {
        Files.writeString(dir.resolve("envoy.yaml.mustache"), "cluster: {{ cluster }}\naddress: {{address}}\n");
    }

    /** Stands in for the engine's renderer: {{ name }} from the map, undefined names are errors. */
    private String render(String template) {
        Matcher m = VAR.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("undefined variable '" + m.group(1) + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private DirectRun direct() {
        return DirectRun.of(new TemplateModule()).baseDir(dir).renderer(this::render);
    }

    private Result run(Map<String, Object> args) throws Exception {
        return direct().run(args);
    }

    @Test
    void templateRendersHostVariablesIntoDest() throws Exception {
        Result r = run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml"));
        String expected = "cluster: cp-1\naddress: 10.0.0.5\n";
        assertTrue(r.isChanged());
        assertEquals(expected, Files.readString(dir.resolve("out.yaml")));
        assertEquals(dir.resolve("out.yaml").toString(), r.data().get("dest"));
        assertEquals(Checksum.sha1(expected.getBytes()), r.data().get("checksum"));
        assertEquals(40, ((String) r.data().get("checksum")).length(), "sha1 hex");
        assertEquals((long) expected.length(), r.data().get("size"));
        assertEquals("0644", r.data().get("mode"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out.yaml"))));
    }

    @Test
    void templateChecksumIsSha1LikeAnsible() {
        // sha1 of "hello\n", as `sha1sum` and Ansible's stat module print it
        assertEquals("f572d396fae9206628714fb2ce00f72e94f2258f", Checksum.sha1("hello\n".getBytes()));
    }

    @Test
    void templateSecondRunReportsNoChange() throws Exception {
        run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml"));
        Result second = run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml"));
        assertFalse(second.isChanged());
        assertFalse(second.isFailed());
    }

    @Test
    void templateChangedVariableRewritesTheFile() throws Exception {
        run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml"));
        vars.put("address", "10.0.0.9");
        Result r = run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml"));
        assertTrue(r.isChanged());
        assertEquals("cluster: cp-1\naddress: 10.0.0.9\n", Files.readString(dir.resolve("out.yaml")));
        assertEquals(List.of(), leftoverTempFiles());
    }

    @Test
    void templateCheckModePredictsWithoutWriting() throws Exception {
        Result r = direct().check(true).run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml"));
        assertTrue(r.isChanged());
        assertFalse(Files.exists(dir.resolve("out.yaml")));
    }

    @Test
    void templateDiffShowsBeforeAndAfter() throws Exception {
        Files.writeString(dir.resolve("out.yaml"), "cluster: old\n");
        Result r = direct().diff(true).check(true).run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml"));
        String dest = dir.resolve("out.yaml").toString();
        assertEquals(1, r.diffs().size(), r.diffs().toString());
        Diff d = r.diffs().get(0);
        assertEquals(List.of(dest, "cluster: old\n", "cluster: cp-1\naddress: 10.0.0.5\n", dest),
                List.of(d.label(), d.before(), d.after(), d.beforeHeader()));
        // --diff's headers as Ansible's template action: the destination before, the template after
        assertTrue(d.afterHeader().endsWith("envoy.yaml.mustache"), d.afterHeader());
        assertEquals("cluster: old\n", Files.readString(dir.resolve("out.yaml")), "check mode left the file alone");
    }

    @Test
    void templateModeIsAppliedAndAModeOnlyChangeIsAChange() throws Exception {
        Result first = run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml", "mode", "0600"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out.yaml"))));
        assertEquals("0600", first.data().get("mode"));
        Result same = run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml", "mode", "0600"));
        assertFalse(same.isChanged());
        Result modeOnly = run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml", "mode", "0640"));
        assertTrue(modeOnly.isChanged());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out.yaml"))));
    }

    @Test
    void aNumberIsTheModeItselfAsInAnsible() throws Exception {
        // an unquoted 0600 in a playbook is YAML 1.1's octal, the number 384, which Ansible takes as the mode
        Result r = run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml", "mode", 384));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out.yaml"))));
        assertEquals("0600", r.data().get("mode"));
        // an unquoted 644 is the number 644 = 0o1204 for Ansible too
        assertEquals("1204", FileMode.spec(new io.runbook.engine.module.Args(Map.of("mode", 644), java.util.Set.of("mode"),
                Map.of(), null), "mode"));
    }

    @Test
    void templateBadModeSaysHowToWriteIt() {
        ModuleException e = assertThrows(ModuleException.class,
                () -> run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml", "mode", "rw-r--r--")));
        assertEquals("mode 'rw-r--r--' is neither octal ('0644') nor symbolic (u=rw,g=r,o=)", e.getMessage());
        ModuleException decimal = assertThrows(ModuleException.class,
                () -> run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml", "mode", "0694")));
        assertEquals("mode '0694' is not octal: write it in quotes with digits 0-7, like '0644'", decimal.getMessage());
    }

    @Test
    void templateSymbolicModeIsAppliedAsChmodWould() throws Exception {
        run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml", "mode", "u=rw,g=r,o="));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out.yaml"))));
        Result same = run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml", "mode", "u=rw,g=r,o="));
        assertFalse(same.isChanged());
        Result plusX = run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml", "mode", "u+x,g-r"));
        assertTrue(plusX.isChanged());
        assertEquals("0700", plusX.data().get("mode"));
    }

    @Test
    void templateMissingParentFolderFailsClearly() {
        ModuleException e = assertThrows(ModuleException.class,
                () -> run(Map.of("src", "envoy.yaml.mustache", "dest", "no/such/out.yaml")));
        assertEquals("destination folder " + dir.resolve("no/such") + " does not exist on the controller; create it first (template does not create folders)", e.getMessage());
    }

    @Test
    void templateMissingSourceNamesThePath() {
        ModuleException e = assertThrows(ModuleException.class, () -> run(Map.of("src", "nope.mustache", "dest", "out.yaml")));
        assertTrue(e.getMessage().startsWith("template source not found: " + dir.resolve("nope.mustache")), e.getMessage());
    }

    @Test
    void templateBackupKeepsThePreviousFile() throws Exception {
        Files.writeString(dir.resolve("out.yaml"), "cluster: old\n");
        Result r = run(Map.of("src", "envoy.yaml.mustache", "dest", "out.yaml", "backup", "yes"));
        Path backup = Path.of((String) r.data().get("backup_file"));
        assertEquals("cluster: old\n", Files.readString(backup));
        assertTrue(backup.getFileName().toString().matches("out\\.yaml\\.\\d+\\.\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d~"), backup.toString());
    }

    @Test
    void templateIntoAFolderUsesTheSourceName() throws Exception {
        Files.createDirectory(dir.resolve("conf"));
        run(Map.of("src", "envoy.yaml.mustache", "dest", "conf"));
        assertTrue(Files.exists(dir.resolve("conf/envoy.yaml.mustache")));
    }

    private List<Path> leftoverTempFiles() throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
