package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static io.runbook.engine.vars.Fixtures.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.error.UserError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectionFiltersTest {
    private final Conditions conditions = new Conditions();
    private final Map<String, Object> vars = Fixtures.vars();

    private Object value(String expression) {
        return conditions.evaluate(expression, vars, WHERE);
    }

    private String failure(String expression) {
        return assertThrows(UserError.class, () -> value(expression)).cause();
    }

    @Test
    void mapExtractReadsEachHostsVariableFromHostvars() {
        Map<String, Object> v = Map.of("hosts", List.of("cp-1", "cp-2"),
                "hostvars", Map.of("cp-1", Map.of("t", "5", "deep", Map.of("x", 1)), "cp-2", Map.of("t", "9", "deep", Map.of("x", 2))));
        assertEquals(List.of("5", "9"), conditions.evaluate("hosts | map('extract', hostvars, 't') | list", v, WHERE));
        assertEquals(9, conditions.evaluate("hosts | map('extract', hostvars, 't') | map('int') | max", v, WHERE));
        assertEquals(List.of(1, 2), conditions.evaluate("hosts | map('extract', hostvars, ['deep', 'x']) | list", v, WHERE));
        assertEquals("'dict object' has no attribute 'missing'",
                assertThrows(UserError.class, () -> conditions.evaluate("hosts | map('extract', hostvars, 'missing') | join(',')", v, WHERE)).cause());
    }

    @Test
    void extractOfAMissingKeyIsUndefinedUntilUsedAsJinjasGetitem() {
        Map<String, Object> v = Map.of("container", Map.of("key", Map.of("subkey", "value")));
        // as ansible-core 2.14's filter_core target: default() takes each of these
        for (String e : List.of("'key' | extract(badcontainer)", "'key' | extract(badcontainer, 'subkey')",
                "('key' | extract(badcontainer)).subkey", "'badkey' | extract(container)", "'badkey' | extract(container, 'subkey')",
                "('badkey' | extract(container)).subsubkey", "'key' | extract(container, 'badsubkey')",
                "'key' | extract(container, ['badsubkey', 'subsubkey'])", "('key' | extract(container, 'badsubkey')).subsubkey")) {
            assertEquals("a", conditions.evaluate(e + " | default('a')", v, WHERE), e);
        }
        assertEquals("value", conditions.evaluate("'key' | extract(container, 'subkey')", v, WHERE));
        assertEquals("'dict object' has no attribute 'badsubkey'",
                assertThrows(UserError.class, () -> conditions.evaluate("'key' | extract(container, 'badsubkey') | upper", v, WHERE)).cause());
    }

    @Test
    void mapReadsAnAttributeOfEachItem() {
        assertEquals(List.of("prod", "dr"), value("clusters | map(attribute='name')"));
        assertEquals(List.of("Running"), value("result.resources | map(attribute='status.phase') | list"));
        assertEquals(List.of("x", "x"), value("clusters | map(attribute='zone', default='x')"));
        assertEquals("map: an item has no attribute 'zone' (give a default: map(attribute='zone', default=''))",
                failure("clusters | map(attribute='zone')"));
        // as Jinja: the items that lack it are undefined, and fail only when used
        assertEquals(2, value("clusters | map(attribute='zone') | list | length"));
        assertEquals(List.of(), value("clusters | map(attribute='zone') | select('defined') | list"));
        assertEquals(false, value("clusters | map(attribute='zone') | first is defined"));
        assertEquals("map: an item has no attribute 'zone' (give a default: map(attribute='zone', default=''))",
                failure("clusters | map(attribute='zone') | join(',')"));
    }

    @Test
    void mapAppliesAFilterToEachItem() {
        assertEquals(List.of("PROD", "DR"), value("clusters | map(attribute='name') | map('upper')"));
        assertEquals(List.of("p-od", "d-"), value("clusters | map(attribute='name') | map('replace', 'r', '-')"));
        assertEquals("map: unknown filter 'uper' (did you mean 'upper'?)", failure("ports | map('uper')"));
    }

    @Test
    void selectattrAndRejectattrFilterByATest() {
        assertEquals(List.of(ordered("name", "prod", "primary", true)), value("clusters | selectattr('primary')"));
        assertEquals(List.of("dr"), value("clusters | rejectattr('primary') | map(attribute='name')"));
        assertEquals(List.of("dr"), value("clusters | selectattr('name', 'equalto', 'dr') | map(attribute='name')"));
        assertEquals(List.of("prod"), value("clusters | selectattr('name', '!=', 'dr') | map(attribute='name')"));
        assertEquals(List.of(), value("clusters | selectattr('zone', 'defined')"));
        assertEquals(1, value("clusters | selectattr('name', 'match', 'p') | list | length"));
    }

    @Test
    void selectAndRejectTestEachItem() {
        vars.put("names", List.of("api", "", "db", "web"));
        assertEquals(List.of("api", "db", "web"), value("names | select"));
        assertEquals(List.of("api"), value("names | select('match', 'a')"));
        assertEquals(List.of(443), value("ports | reject('eq', 80)"));
        assertEquals(List.of(443), value("ports | select('odd')"));
        assertEquals("TemplateSyntaxError: Could not load \"od\": 'od' (did you mean 'odd'?)", failure("ports | select('od')"));
        assertEquals("TemplateSyntaxError: Could not load \"asdf \": 'invalid plugin name: ansible.builtin.asdf '",
                failure("ports | select('asdf ')"));
    }

    @Test
    void sortUniqueMinMaxSum() {
        vars.put("numbers", List.of(3, 1, 2, 3));
        assertEquals(List.of(1, 2, 3, 3), value("numbers | sort"));
        assertEquals(List.of(3, 3, 2, 1), value("numbers | sort(reverse=true)"));
        assertEquals(List.of("dr", "prod"), value("clusters | sort(attribute='name') | map(attribute='name')"));
        assertEquals(List.of(3, 1, 2), value("numbers | unique"));
        assertEquals(1, value("numbers | min"));
        assertEquals(3, value("numbers | max"));
        assertEquals(9, value("numbers | sum"));
        assertEquals(10.5, value("[1, 2.5, 7] | sum"));
        assertEquals("prod", value("(clusters | max(attribute='name')).name"));
        assertEquals("'<' not supported between instances of 'int' and 'str'", failure("['a', 1] | sort"));
    }

    @Test
    void combineMergesMapsLaterWins() {
        vars.put("base", ordered("replicas", 1, "image", ordered("tag", "1.0", "pull", "Always")));
        vars.put("override", ordered("replicas", 3, "image", ordered("tag", "2.0")));
        assertEquals(ordered("replicas", 3, "image", ordered("tag", "2.0")), value("base | combine(override)"));
        assertEquals(ordered("replicas", 3, "image", ordered("tag", "2.0", "pull", "Always")),
                value("base | combine(override, recursive=true)"));
        assertEquals(ordered("replicas", 5, "image", ordered("tag", "2.0")), value("base | combine(override, {'replicas': 5})"));
    }

    @Test
    void dict2itemsAndItems2dictRoundTrip() {
        vars.put("labels", ordered("app", "api", "tier", "web"));
        assertEquals(List.of(ordered("key", "app", "value", "api"), ordered("key", "tier", "value", "web")),
                value("labels | dict2items"));
        assertEquals(vars.get("labels"), value("labels | dict2items | items2dict"));
        assertEquals(List.of(ordered("k", "app", "v", "api"), ordered("k", "tier", "v", "web")),
                value("labels | dict2items(key_name='k', value_name='v')"));
    }

    @Test
    void regexReplaceAndSearchUsePythonBackReferences() {
        assertEquals("East-Prod", value("name | regex_replace('(\\\\w+)-(\\\\w+)', '\\\\2-\\\\1')"));
        assertEquals("prod-east", value("name | regex_replace('P(ROD)', 'p\\\\g<1>', ignorecase=true) | lower"));
        assertEquals("$", value("'a' | regex_replace('a', '$')"));
        assertEquals("created", value("result.stdout | regex_search('cr[a-z]+')"));
        assertEquals(null, value("result.stdout | regex_search('deleted')"));
    }

    @Test
    void keywordArgumentsAreCheckedByName() {
        assertEquals("x", value("missing | default(default_value='x')"));
        assertEquals("x", value("empty_text | default('x', boolean=true)"));
        assertEquals("filter 'sort' has no argument 'revers' (did you mean 'reverse'?)", failure("ports | sort(revers=true)"));
        assertEquals("cannot parse 'ports | sort(reverse=true, 1)': a positional argument after a keyword argument at column 28",
                failure("ports | sort(reverse=true, 1)"));
        assertEquals("single '=' in 'ports = 1': use '==' to compare", failure("ports = 1"));
        assertEquals(true, value("count is divisibleby(num=3)"), "a test's argument by its name, as in Jinja");
    }

    @Test
    void flattenAndSetOperationsKeepOrder() {
        vars.put("nested", List.of(1, List.of(2, List.of(3)), 4));
        assertEquals(List.of(1, 2, 3, 4), value("nested | flatten"));
        assertEquals(List.of(1, 2, List.of(3), 4), value("nested | flatten(1)"));
        assertEquals(List.of(80, 443, 8080), value("ports | union([443, 8080])"));
        assertEquals(List.of(443), value("ports | intersect([443, 8080])"));
        assertEquals(List.of(80), value("ports | difference([443])"));
    }
}
