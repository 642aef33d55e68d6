package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.error.UserError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiltersTest {
    private final Conditions conditions = new Conditions();
    private final Templar templar = new Templar();
    private final Map<String, Object> vars = Fixtures.vars();

    private Object value(String expression) {
        return conditions.evaluate(expression, vars, WHERE);
    }

    private String failure(String expression) {
        return assertThrows(UserError.class, () -> value(expression)).cause();
    }

    @Test
    void defaultReplacesOnlyUndefinedUnlessAskedForFalsy() {
        assertEquals("x", value("missing | default('x')"));
        assertEquals("", value("missing | default"));
        assertEquals("Prod-East", value("name | default('x')"));
        assertEquals(null, value("nothing | default('x')"), "as in Ansible, null is defined");
        assertEquals("x", value("nothing | default('x', true)"));
        assertEquals("x", value("empty_text | default('x', true)"));
        assertEquals(List.of(1), value("cluster.zones | default([1])"));
        assertEquals("x", value("missing.deeper[0] | default('x')"));
    }

    @Test
    void b64encodeAndB64decodeUseUtf8() {
        vars.put("secret", "pässwörd");
        assertEquals("cMOkc3N3w7ZyZA==", value("secret | b64encode"));
        assertEquals("pässwörd", value("'cMOkc3N3w7ZyZA==' | b64decode"));
        assertEquals("", value("'***' | b64decode"), "as Python's: what is not base64 is dropped");
        assertEquals("a", value("'YQ==YQ==' | b64decode"), "and full padding ends the data");
        assertEquals("Incorrect padding", failure("'YQ' | b64decode"));
        assertEquals("Invalid base64-encoded string: number of data characters (1) cannot be 1 more than a multiple of 4",
                failure("5 | b64decode"));
    }

    @Test
    void toJsonWritesJsonAsAnsibleDoes() {
        assertEquals(Marked.nativeText("{\"name\": \"prod\", \"primary\": true}"), value("clusters[0] | to_json"));
        assertEquals(Marked.nativeText("[80, 443]"), value("ports | to_json"));
        assertEquals(Marked.nativeText("\"Prod-East\""), value("name | to_json"));
        assertEquals(Marked.nativeText("{\n    \"name\": \"prod\",\n    \"primary\": true\n}"), value("clusters[0] | to_nice_json"));
    }

    @Test
    void toYamlWritesWhatAnsibleWrites() {
        assertEquals(Marked.nativeText("{name: prod, primary: true}\n"), value("clusters[0] | to_yaml"), "flow style for scalars only");
        assertEquals(Marked.nativeText("- 80\n- 443\n"), value("ports | to_nice_yaml"));
        assertEquals(Marked.nativeText("name: prod\nprimary: true\n"), value("clusters[0] | to_nice_yaml"));
        assertEquals(Marked.nativeText("'yes'\n"), value("'yes' | to_yaml"), "YAML 1.1 booleans stay strings");
    }

    @Test
    void lowerUpperTrimChangeText() {
        assertEquals("prod-east", value("name | lower"));
        assertEquals("PROD-EAST", value("name | upper"));
        assertEquals("spaced", value("padded | trim"));
        assertEquals(Marked.nativeText("3"), value("count | string"));
    }

    @Test
    void lengthCountsTextListsAndMaps() {
        assertEquals(9, value("name | length"));
        assertEquals(2, value("ports | length"));
        assertEquals(2, value("cluster | count"));
        assertEquals("object of type 'int' has no len()", failure("count | length"));
    }

    @Test
    void intAndFloatConvertAsJinjaDoes() {
        assertEquals(42, value("'42' | int"));
        assertEquals(3, value("' 3.9 ' | int"));
        assertEquals(2, value("ratio | int"));
        assertEquals(7, value("'n/a' | int(7)"));
        assertEquals(1.5, value("'1.5' | float"));
        assertEquals(0, value("'n/a' | int"), "not a number: the default, 0");
        assertEquals(0.0, value("'x' | float"));
        assertEquals(255, value("'ff' | int(base=16)"));
        assertEquals(26, value("'0x1A' | int(0, 16)"));
    }

    @Test
    void boolAcceptsAnsibleSpellings() {
        for (String yes : List.of("'yes'", "'on'", "'true'", "'True'", "'1'", "1", "true")) {
            assertEquals(true, value(yes + " | bool"), yes);
        }
        for (String no : List.of("'no'", "'off'", "'false'", "'0'", "''", "0", "false", "'maybe'", "'y'")) {
            assertEquals(false, value(no + " | bool"), no);
        }
        assertEquals(null, value("none | bool"), "None stays None, as in Ansible");
    }

    @Test
    void joinFirstLastWorkOnLists() {
        assertEquals("80443", value("ports | join"));
        assertEquals("80, 443", value("ports | join(', ')"));
        assertEquals(80, value("ports | first"));
        assertEquals(443, value("ports | last"));
        assertEquals("P", value("name | first"));
        assertEquals("No first item, sequence was empty.", failure("empty_list | first"));
        assertEquals("'int' object is not iterable", failure("count | join(',')"));
    }

    @Test
    void replaceAndIndentHelpWithManifests() {
        assertEquals("Prod_East", value("name | replace('-', '_')"));
        vars.put("block", "a: 1\nb:\n\n  c: 2");
        assertEquals("a: 1\n  b:\n\n    c: 2", value("block | indent(2)"));
        assertEquals("    a: 1\n    b:\n\n      c: 2", value("block | indent(4, true)"));
    }

    @Test
    void filtersChainLeftToRight() {
        assertEquals("UFJPRC1FQVNU", value("name | upper | b64encode"));
        assertEquals("prod-east", value("name | b64encode | b64decode | lower"));
        assertEquals(4, value("'3' | int + 1"), "a filter binds tighter than arithmetic, as in Jinja");
        assertEquals(true, value("ports | join(',') | length == 6"));
        assertEquals("size 33", templar.renderString("size {{ clusters | first | to_json | b64encode | b64decode | length }}",
                vars, WHERE));
    }

    @Test
    void tooManyArgumentsIsAnError() {
        assertEquals("filter 'upper' takes at most 0 arguments, got 1", failure("name | upper(1)"));
        assertEquals("filter 'join' takes at most 2 arguments, got 3", failure("ports | join(',', 'a', 'b')"));
    }

    @Test
    void fromJsonAndFromYamlParseText() {
        vars.put("json_text", "{\"items\": [{\"name\": \"a\"}], \"count\": 1}");
        vars.put("yaml_text", "items:\n  - name: a\ncount: 1\n");
        assertEquals("a", value("(json_text | from_json)['items'][0].name"));
        assertEquals(1, value("(yaml_text | from_yaml).count"));
        assertEquals("from_json: the value is not valid JSON (Unrecognized token 'not': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))", failure("'not json' | from_json"));
    }

    @Test
    void ternaryPicksByTruthiness() {
        assertEquals("yes", value("enabled | ternary('yes', 'no')"));
        assertEquals("no", value("empty_list | ternary('yes', 'no')"));
        assertEquals("unset", value("nothing | ternary('yes', 'no', 'unset')"));
    }

    @Test
    void pathsAndShellQuoting() {
        assertEquals("kubeconfig", value("'/etc/rancher/kubeconfig' | basename"));
        assertEquals("/etc/rancher", value("'/etc/rancher/kubeconfig' | dirname"));
        assertEquals("'it'\"'\"'s here'", value("\"it's here\" | quote"));
    }

    @Test
    void absAndRoundWorkOnNumbers() {
        assertEquals(3, value("-count | abs"));
        assertEquals(0.5, value("-half | abs"));
        assertEquals(2.0, value("2.5 | round"), "Python rounds half to even");
        assertEquals(2.35, value("2.345 | round(2)"));
        assertEquals(2.67, value("2.675 | round(2)"), "the binary value of 2.675 is below the half");
        assertEquals(3.0, value("2.1 | round(0, 'ceil')"));
        assertEquals("bad operand type for abs(): 'str'", failure("name | abs"));
    }

    @Test
    void listOfAMapGivesItsKeys() {
        assertEquals(List.of("name", "nodes"), value("cluster | list"));
        assertEquals(List.of("a", "b"), value("'ab' | list"));
    }
}
