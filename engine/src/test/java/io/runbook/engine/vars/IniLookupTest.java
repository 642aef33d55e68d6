package io.runbook.engine.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ini lookup reads INI and properties files as Ansible's (Python's configparser) does; expectations from ansible-playbook 2.14. */
class IniLookupTest {
    private final Templar templar = new Templar();
    @TempDir
    Path dir;

    private Object render(String template) {
        return templar.render(template, Map.of(), new SourcePosition(dir.resolve("site.yml"), 3, 7));
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void defaultsInterpolationContinuationLinesAndRegularExpressions() throws Exception {
        write("t.ini", "[DEFAULT]\nbase = /srv\n\n[paths]\nData: %(base)s/data\npct = 100%%\nmulti = first\n   second\n\n   third\n\n"
                + "# comment\n[other]\nx=1\n");
        assertEquals(new UnsafeText("/srv/data"), render("{{ lookup('ini', 'data', section='paths', file='t.ini') }}"), "keys are lower-cased, ':' delimits");
        assertEquals(new UnsafeText("100%"), render("{{ lookup('ini', 'pct', section='paths', file='t.ini') }}"));
        assertEquals(new UnsafeText("first\nsecond\n\nthird"), render("{{ lookup('ini', 'multi', section='paths', file='t.ini') }}"));
        assertEquals(new UnsafeText("/srv"), render("{{ lookup('ini', 'base', section='other', file='t.ini') }}"), "DEFAULT is seen through every section");
        assertEquals(Marked.unsafe("/srv", "/srv/data", "100%", "first\nsecond\n\nthird"),
                render("{{ query('ini', '.*', section='paths', file='t.ini', re=True) }}"));
        assertEquals(new UnsafeText("dflt"), render("{{ lookup('ini', 'nope', section='paths', file='t.ini', default='dflt') }}"));
        assertEquals(new UnsafeText("1,/srv"), render("{{ lookup('ini', 'x section=other file=t.ini', 'base') }}"), "inline options carry over to the next term");
    }

    @Test
    void propertiesCaseSensitivityEncodingAndValuelessKeys() throws Exception {
        write("a.properties", "# c\nname = captain\nNAME = fantastic\nfield.with.space = another space\n");
        assertEquals(new UnsafeText("fantastic"), render("{{ lookup('ini', 'NAME', type='properties', file='a.properties', case_sensitive=True) }}"));
        assertEquals(new UnsafeText("another space"), render("{{ lookup('ini', 'field.with.space type=properties file=a.properties', case_sensitive=True) }}"));
        UserError duplicate = assertThrows(UserError.class,
                () -> render("{{ lookup('ini', 'name', type='properties', file='a.properties') }}"));
        assertTrue(duplicate.getMessage().contains("Duplicate option in 'a.properties': While reading from '<???>' [line  4]: option 'name'"
                + " in section 'java_properties' already exists"), duplicate.getMessage());
        Files.write(dir.resolve("latin.ini"), "[g]\nv=été\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(new UnsafeText("été"), render("{{ lookup('ini', 'v section=g encoding=iso8859-1 file=latin.ini') }}"));
        write("my.ini", "[mysqld]\nuser = mysql\nskip-innodb\n");
        assertEquals(List.of(), render("{{ lookup('ini', 'skip-innodb', file='my.ini', section='mysqld', allow_none=True) }}"));
        UserError parsing = assertThrows(UserError.class, () -> render("{{ lookup('ini', 'user', file='my.ini', section='mysqld') }}"));
        assertTrue(parsing.getMessage().contains("<class 'configparser.ParsingError'>, original message: Source contains parsing errors: '<???>'"
                + "\n\t[line  3]: 'skip-innodb\\n'"), parsing.getMessage());
    }

    @Test
    void mistakesAreAnsiblesMessages() throws Exception {
        write("t.ini", "[a]\nk=v\n");
        assertTrue(assertThrows(UserError.class, () -> render("{{ lookup('ini', 'k', file='t.ini', section='b') }}"))
                .getMessage().contains("No section 'b' in t.ini"));
        assertTrue(assertThrows(UserError.class, () -> render("{{ lookup('ini', 'file=t.ini', 'k', section='a') }}"))
                .getMessage().contains("No key to lookup was provided as first term with in string inline options: file=t.ini"));
        assertTrue(assertThrows(UserError.class, () -> render("{{ lookup('ini', 'invalid=option') }}"))
                .getMessage().contains("invalid is not a valid option."));
        write("bad.ini", "[a]\nk=50%\n");
        assertTrue(assertThrows(UserError.class, () -> render("{{ lookup('ini', 'k', file='bad.ini', section='a') }}"))
                .getMessage().contains("InterpolationSyntaxError'>, original message: '%' must be followed by '%' or '(', found: '%'"));
    }
}
