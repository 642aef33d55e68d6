package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    private final Conditions conditions = new Conditions();
    private final Map<String, Object> vars = Fixtures.vars();

    private boolean holds(String expression) {
        return conditions.test(expression, vars, WHERE);
    }

    private Object value(String expression) {
        return conditions.evaluate(expression, vars, WHERE);
    }

    @Test
    void comparisonsWorkOnNumbersAndStrings() {
        assertTrue(holds("count == 3"));
        assertTrue(holds("count != 4"));
        assertTrue(holds("count > 2 and count >= 3 and count < 4 and count <= 3"));
        assertTrue(holds("name == 'Prod-East'"));
        assertTrue(holds("name == \"Prod-East\""));
        assertTrue(holds("ratio == 2"));
        assertFalse(holds("result.rc != 0"));
    }

    @Test
    void andOrNotFollowJinjaPrecedence() {
        assertTrue(holds("count == 3 or count == 4 and false"));
        assertFalse(holds("(count == 3 or count == 4) and false"));
        assertFalse(holds("not result.rc == 0"), "not applies to the whole comparison, as in Jinja");
        assertTrue(holds("not count == 4 and enabled"));
        assertTrue(holds("not not enabled"));
        assertTrue(holds("not nothing"), "not of none is true");
    }

    @Test
    void membershipInListsStringsAndMaps() {
        assertTrue(holds("443 in ports"));
        assertTrue(holds("22 not in ports"));
        assertTrue(holds("'East' in name"));
        assertTrue(holds("'already exists' in failed_result.stderr"));
        assertTrue(holds("'nodes' in cluster"));
        assertTrue(holds("'zones' not in cluster"));
        assertTrue(holds("count in [1, 2, 3]"));
        assertTrue(holds("result.rc != 0 or 'created' in result.stdout"));
    }

    @Test
    void literalsAcceptPythonAndYamlSpellings() {
        assertEquals(true, value("True"));
        assertEquals(false, value("False"));
        assertEquals(true, value("true"));
        assertEquals(false, value("false"));
        assertEquals(null, value("None"));
        assertEquals(null, value("none"));
        assertTrue(holds("nothing == None"));
        assertEquals(1.5, value("1.5"));
        assertEquals(List.of(1, 2), value("[1, 2]"));
        assertEquals(List.of(), value("[]"));
        assertEquals(Map.of("a", 1), value("{'a': 1}"));
    }

    @Test
    void dottedAccessReachesIntoMapsAndLists() {
        assertEquals("Running", value("result.resources[0].status.phase"));
        assertEquals("10.0.0.2", value("cluster.nodes.1.ip"));
        assertEquals("10.0.0.2", value("cluster.nodes[-1].ip"));
        assertEquals("prod", value("cluster['name']"));
        assertEquals("dr", value("clusters[count - 2].name"));
        assertEquals("prod", value("(clusters | first).name"));
    }

    @Test
    void arithmeticKeepsNumbers() {
        assertEquals(4, value("count + 1"));
        assertEquals(6, value("count * 2"));
        assertEquals(1, value("count % 2"));
    }

    @Test
    void divisionIsTrueDivisionAsInJinja() {
        assertEquals(2.5, value("10 / 4"));
        assertEquals(2.0, value("10 / 5"), "true division always gives a float, as in Python");
        assertEquals(3, value("7 // 2"));
        assertEquals(2, value("-7 % 3"), "Python's modulo takes the sign of the divisor");
        assertEquals(0.5, value("2 ** -1"));
        assertEquals(1.5, value("count / 2"));
    }

    @Test
    void plusConcatenatesListsAndJoinsText() {
        assertEquals(List.of(80, 443, 8080), value("ports + [8080]"));
        assertEquals("can only concatenate str (not \"int\") to str",
                assertThrows(UserError.class, () -> value("'port ' + ports[0]")).cause(), "no coercion, as in Python");
        assertEquals("port 80", value("'port ' ~ ports[0]"));
        assertEquals("---", value("'-' * 3"));
    }

    @Test
    void tildeJoinsValuesAsText() {
        assertEquals("Prod-East-3", value("name ~ '-' ~ count"));
        assertEquals("31", value("count ~ 1"));
    }

    @Test
    void omitIsExplainedRatherThanIgnored() {
        UndefinedVariableError error = assertThrows(UndefinedVariableError.class, () -> value("missing | default(omit)"));
        assertEquals("undefined variable 'omit' ('omit' is not supported: leave the argument out, or use a 'when'"
                + " on the task)", error.cause());
    }

    @Test
    void filtersWorkInConditions() {
        assertTrue(holds("ports | length == 2"));
        assertTrue(holds("'42' | int > 40"));
        assertTrue(holds("'yes' | bool"));
        assertTrue(holds("missing | default(5) == 5"));
        assertTrue(holds("result.stdout | length > 0"));
    }

    @Test
    void isDefinedDoesNotFailOnMissingVariable() {
        assertTrue(holds("missing is not defined"));
        assertFalse(holds("missing is defined"));
        assertTrue(holds("missing is undefined"));
        assertTrue(holds("cluster.zone is undefined"));
        assertTrue(holds("cluster.zone.name is not defined"), "a missing parent is undefined too");
        assertTrue(holds("cluster.nodes[5] is undefined"));
        assertTrue(holds("cluster.name is defined"));
        assertTrue(holds("nothing is defined"), "a variable set to null is defined");
        assertTrue(holds("missing is not defined or missing > 3"), "or stops before the undefined variable");
    }

    @Test
    void resultTestsReadRegisteredResults() {
        assertTrue(holds("result is changed"));
        assertTrue(holds("result is succeeded"));
        assertTrue(holds("result is success"));
        assertTrue(holds("result is successful"));
        assertTrue(holds("result is not failed"));
        assertTrue(holds("result is not skipped"));
        assertTrue(holds("failed_result is failed"));
        assertTrue(holds("failed_result is not changed"));
        assertTrue(holds("failed_result is not succeeded"));
        assertTrue(holds("skipped_result is skipped"));
        assertTrue(holds("skipped_result is success"), "a skipped task has not failed");
    }

    @Test
    void resultTestOnSomethingElseExplainsWhatItExpects() {
        UserError error = assertThrows(UserError.class, () -> holds("name is changed"));
        assertEquals("playbooks/recover.yml:12:15: The 'changed' test expects a dictionary (a registered task result),"
                + " got a string", error.format());
    }

    @Test
    void valueTestsCheckTypesAndValues() {
        assertTrue(holds("nothing is none"));
        assertTrue(holds("name is not none"));
        assertTrue(holds("name is string and count is number and count is integer and half is float"));
        assertTrue(holds("enabled is boolean and cluster is mapping and ports is sequence and ports is iterable"));
        assertTrue(holds("enabled is true and not (enabled is false)"));
        assertTrue(holds("count is odd and 4 is even and 9 is divisibleby(3) and 9 is divisibleby 3"));
        assertTrue(holds("80 is in(ports) and ports is contains(443)"));
        assertTrue(holds("count is eq(3) and count is equalto 3 and count is ne(4)"));
        assertTrue(holds("result.stdout is search('\"api\"') and name is match('Prod') and not (name is match('East'))"));
    }

    @Test
    void versionTestComparesNumericParts() {
        vars.put("kube_version", "1.28.3");
        assertTrue(holds("kube_version is version('1.28', '>=')"));
        assertTrue(holds("kube_version is version('1.9', 'gt')"), "28 > 9 as numbers, not as text");
        assertTrue(holds("kube_version is not version('1.29.0', '>=')"));
        assertTrue(holds("'2.0' is version('2.0.0', '<')"), "loose versions: a shorter one is smaller, as in Ansible");
        assertTrue(holds("'v1.28.3' is version('v1.9', 'gt')"));
        assertTrue(holds("'1.2.3-beta' is version('1.2.3', 'lt', version_type='semver')"));
        assertEquals("Version comparison failed: '<' not supported between instances of 'str' and 'int'",
                assertThrows(UserError.class, () -> holds("'v1.28' is version('1.28', '>=')")).cause());
        assertEquals("Invalid operator type (=>) (use one of < <= > >= == != (or lt le gt ge eq ne))",
                assertThrows(UserError.class, () -> holds("kube_version is version('1', '=>')")).cause());
    }

    @Test
    void testWordsInsideStringsAreLeftAlone() {
        vars.put("msg", "x is defined and y not in z | length");
        assertTrue(holds("msg == 'x is defined and y not in z | length'"));
        assertTrue(holds("'it\\'s' | length == 4"));
    }

    @Test
    void nonBooleanConditionsUseTruthiness() {
        assertFalse(holds("nothing"));
        assertFalse(holds("zero"));
        assertFalse(holds("empty_text"));
        assertFalse(holds("empty_list"));
        assertFalse(holds("empty_map"));
        assertTrue(holds("name"));
        assertTrue(holds("'false'"), "a non-empty string is true, whatever it says");
        assertTrue(holds("ports"));
        assertTrue(holds("cluster"));
        assertTrue(holds("half"));
    }

    @Test
    void wrappedConditionIsAcceptedToo() {
        assertTrue(holds("{{ count == 3 }}"));
        assertTrue(holds("  {{ result is changed }} "));
    }

    @Test
    void aConditionThatRendersToNothingIsFalseAsInAnsible() {
        assertFalse(holds("{% if count > 5 %}True{% endif %}"));
        assertEquals("", value("{% if count > 5 %}True{% endif %}"));
        assertTrue(holds("{% if count == 3 %}True{% endif %}"));
    }

    @Test
    void undefinedVariableNamesTheVariableAndItsLine() {
        UndefinedVariableError error = assertThrows(UndefinedVariableError.class, () -> holds("cluster.nmae == 'x'"));
        assertEquals("cluster.nmae", error.variable());
        assertEquals(WHERE, error.position());
        assertEquals("playbooks/recover.yml:12:15: undefined variable 'cluster.nmae' (did you mean 'name'?)",
                error.format());
    }

    @Test
    void undefinedTopLevelVariableSuggestsANearName() {
        UndefinedVariableError error = assertThrows(UndefinedVariableError.class, () -> holds("clustres | length > 0"));
        assertEquals("clustres", error.variable());
        assertEquals("did you mean 'clusters'?", error.hint());
    }

    @Test
    void undefinedListIndexSaysHowManyItemsThereAre() {
        UndefinedVariableError error = assertThrows(UndefinedVariableError.class, () -> value("cluster.nodes[2].ip"));
        assertEquals("undefined variable 'cluster.nodes[2]' ('cluster.nodes' has 2 items; list object has no element 2)", error.cause());
    }

    @Test
    void unknownTestSuggestsTheRightOne() {
        UserError error = assertThrows(UserError.class, () -> holds("result is chnged"));
        assertEquals("playbooks/recover.yml:12:15: unknown test 'chnged' (did you mean 'changed'?)", error.format());
    }

    @Test
    void malformedExpressionIsAUserErrorAtThePosition() {
        UserError error = assertThrows(UserError.class, () -> holds("count == == 3"));
        assertEquals("playbooks/recover.yml:12:15: cannot parse 'count == == 3': unexpected '==' at column 10", error.format());
        assertEquals("single '=' in 'count = 3': use '==' to compare",
                assertThrows(UserError.class, () -> holds("count = 3")).cause());
        assertEquals("cannot parse '(count == 3': missing ')' for the '(' at column 1",
                assertThrows(UserError.class, () -> holds("(count == 3")).cause());
        assertEquals("unterminated string starting at column 9 in 'name == 'x'",
                assertThrows(UserError.class, () -> holds("name == 'x")).cause());
        assertTrue(holds("  "), "an empty condition holds, as in Ansible");
        assertEquals("cannot parse '(count or) == 3': unexpected ')' at column 10",
                assertThrows(UserError.class, () -> holds("(count or) == 3")).cause());
        assertEquals("cannot parse '-': the expression ends too early at column 2",
                assertThrows(UserError.class, () -> holds("-")).cause());
        assertTrue(holds("1 < count < 5"), "comparisons chain, as in Python");
        assertFalse(holds("1 < count < 2"));
    }

    @Test
    void nullInAComparisonIsAnErrorNotFalse() {
        UserError error = assertThrows(UserError.class, () -> holds("nothing > 3"));
        assertEquals("'>' not supported between instances of 'NoneType' and 'int'", error.cause());
    }

    @Test
    void javaClassesAreNotReachableFromConditions() {
        for (String attempt : List.of("''.getClass()", "name.getClass().forName('java.lang.Runtime')",
                "new('java.io.File', '/')", "r:v(0)", "name.class", "cluster.getClass", "x = 1",
                "`${name}`")) {
            UserError error = assertThrows(UserError.class, () -> value(attempt), attempt);
            assertFalse(error.format().contains("java.lang.Class"), attempt + " → " + error.format());
        }
        assertEquals("undefined variable 'name.class' ('name' is a str with no attribute 'class')",
                assertThrows(UserError.class, () -> value("name.class")).cause());
    }

    /** As ansible-core 2.14 (checked with ansible-playbook): "Conditional is marked as unsafe, and cannot be evaluated." */
    @Test
    void aTemplatedConditionRenderingTextFromUnsafeDataFailsAsAnsibles() {
        Map<String, Object> scope = new java.util.HashMap<>(vars);
        scope.put("out", Templar.unsafe(Map.of("rc", 0, "stdout", "ready", "stderr", "", "lines", List.of("ready"))));
        scope.put("bare", Templar.unsafe(Map.of("rc", 0)));
        scope.put("token", SecretText.vaulted("s3cr3t-value"));
        for (String unsafe : List.of("{{ out.rc }} == 0", "'{{ out.stdout }}' == 'ready'", "{{ out.rc }}",
                "{{ count }} == 3 and {{ out.rc }} == 0", "'{{ lookup('env', 'HOME') }}' != ''",
                "'{{ token }}{{ out.stdout }}' != ''")) {
            UserError e = assertThrows(UserError.class, () -> conditions.evaluate(unsafe, scope, WHERE), unsafe);
            assertTrue(e.getMessage().contains("Conditional is marked as unsafe, and cannot be evaluated"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
            assertFalse(e.getMessage().contains("ready"), e.getMessage());
        }
        // a boolean, a list or nothing is not text: evaluated as Ansible's literal_eval leaves them unmarked
        assertEquals(true, conditions.evaluate("{{ out.rc == 0 }}", scope, WHERE));
        assertEquals(List.of("ready"), conditions.evaluate("{{ out.lines }}", scope, WHERE));
        assertEquals("", conditions.evaluate("{{ out.stderr }}", scope, WHERE));
        // a result without text holds nothing unsafe (Ansible's _is_unsafe), nor do safe variables; bare is evaluated
        assertTrue(holdsIn(scope, "{{ bare.rc }} == 0"));
        assertTrue(holdsIn(scope, "{{ count }} == 3"));
        assertTrue(holdsIn(scope, "out.rc == 0 and out.stdout == 'ready'"));
    }

    private boolean holdsIn(Map<String, Object> scope, String expression) {
        return conditions.test(expression, scope, WHERE);
    }
}
